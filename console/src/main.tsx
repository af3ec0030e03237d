import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import { render } from 'preact';
import * as z from 'zod';
import { App } from './app.tsx';
import { setClaimNames } from './auth/session.ts';
import { loadConfig } from './config.ts';

// The console runs without 'unsafe-eval' (infra/constructs/console-csp.ts): zod parses without
// compiling parsers from strings, so it never tries an eval the policy would refuse and report.
z.config({ jitless: true });

const root = document.getElementById('app') as HTMLElement;

loadConfig().then(
  (config) => {
    setClaimNames(config.claims);
    render(<App config={config} />, root);
  },
  (error: unknown) => {
    root.textContent = `控制台配置读取失败：${String(error)}`;
  },
);
