import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve('scripts/ensure-deps.mjs');
const dirs: string[] = [];

/** A checkout whose node_modules is up to date (the stamp matches), with fake `node` and `esbuild` binaries. */
const fakeCheckout = (binaries: { node?: string; esbuild?: string }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ensure-deps-'));
  dirs.push(dir);
  const lock = '{"lockfileVersion":3}';
  writeFileSync(path.join(dir, 'package-lock.json'), lock);
  mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules/.deps-stamp'), createHash('sha256').update(lock).digest('hex'));
  for (const [name, version] of Object.entries(binaries)) {
    const file = path.join(dir, 'node_modules/.bin', name);
    writeFileSync(file, `#!/bin/sh\necho ${version}\n`);
    chmodSync(file, 0o755);
  }
  return dir;
};

const ensureDeps = (cwd: string) => spawnSync(process.execPath, [script], { cwd, encoding: 'utf8' });

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/ensure-deps.mjs: the binaries that install scripts provide (issue #15 item 10)', () => {
  it('passes when node_modules/.bin/node is Node 22 and esbuild runs', () => {
    const result = ensureDeps(fakeCheckout({ node: 'v22.23.3', esbuild: '0.28.2' }));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it("stops with a plain message when the node package's preinstall did not leave Node 22, and installs again next time", () => {
    const dir = fakeCheckout({ node: 'v20.20.2', esbuild: '0.28.2' });
    const result = ensureDeps(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/node_modules\/\.bin\/node is v20\.20\.2, not Node 22/);
    expect(result.stderr).toMatch(/"allowScripts" approves "node"/);
    expect(readFileSync(path.join(dir, 'node_modules/.deps-stamp'), 'utf8')).toBe('');
  });

  it('stops when there is no Node binary at all, or no esbuild binary', () => {
    const result = ensureDeps(fakeCheckout({}));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/node_modules\/\.bin\/node is missing or does not run/);
    expect(result.stderr).toMatch(/esbuild's binary is missing or does not run/);
  });
});
