import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { LingchuanStack } from '../stack.ts';
import type { CfnTemplate } from './template.ts';

/**
 * The template that `cdk deploy` would deploy, synthesized in-process with bundling skipped:
 * the local runtime starts exactly the resources it contains. The only local module that loads
 * aws-cdk-lib; `localTemplate` imports it when its cache has no template for the sources as they are.
 */
export const synthesizeTemplate = (context: Record<string, unknown> = {}): CfnTemplate => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'lingchuan-synth-'));
  try {
    const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    const stack = new LingchuanStack(app, 'Lingchuan');
    return app.synth().getStackByName(stack.stackName).template as CfnTemplate;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};
