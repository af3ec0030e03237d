import { App } from 'aws-cdk-lib';
import { LingchuanStack } from './stack.ts';

/** `npx cdk synth` / `npx cdk deploy`: account and region come from the caller's environment. */
const app = new App();
new LingchuanStack(app, 'Lingchuan', {
  description: 'Lingchuan County government data project governance (陵川县政务数据项目建设应用管理)',
});
app.synth();
