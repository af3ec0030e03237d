#!/usr/bin/env node
/**
 * lingchuan-verify: checks an audit dossier (ART33) with Node alone, so that an auditor, a court
 * or the city's inspection team can verify a project's record offline, trusting nothing of ours
 * but the public keys they were given:
 *
 *   lingchuan-verify dossier.zip --jwks dossier-keys.json   (or --jwks https://…/v1/dossier-keys)
 *
 * It checks the ES256 signature of manifest.json (manifest.sig, a detached JWS), the SM2
 * signature (manifest.sm2.sig, SM2DSA over SM3, GB/T 32918) when the manifest says it was signed
 * so, every file's size, SHA-256 and SM3 digest, that no file is missing or extra, and the audit
 * chain from the first event to the head hash the manifest names. One line per check; exit 0
 * only if every check holds.
 *
 * No dependency beyond Node's own modules, on purpose: an auditor offline has no registry. It is
 * this file and the folder verifier/ beside it (copy both): reading the archive (archive.mjs, only
 * what our builder writes: STORE or DEFLATE, no ZIP64), the chain and the signatures (checks.mjs),
 * and SM3 and SM2 written out (sm.mjs, GB/T 32905, GB/T 32918), which the tests check against the
 * standards' published examples and the sm-crypto-v2 library the server side uses. This file
 * reads the dossier through them and prints one line per check.
 */
import { pathToFileURL } from 'node:url';
import { digestEntry, readEntry, readZipEntries } from './verifier/archive.mjs';
import { checkChain, checkEs256, checkSm2, loadJwks } from './verifier/checks.mjs';

// ---------------------------------------------------------------------------------------------

const SIGNATURE_FILES = ['manifest.json', 'manifest.sig', 'manifest.sm2.sig'];

/**
 * Every check of a dossier, in order, each `{ ok, check, detail }`.
 * @param {string} file
 * @param {{ jwks?: { keys: Record<string, string>[] } }} options
 */
export const verifyDossier = async (file, { jwks } = {}) => {
  const results = [];
  const report = (check, { ok, detail }) => results.push({ ok, check, detail });
  let entries;
  try {
    entries = readZipEntries(file);
  } catch (error) {
    report('archive', { ok: false, detail: error.message });
    return results;
  }
  const byName = new Map();
  for (const entry of entries) {
    if (byName.has(entry.name)) report(`file ${entry.name}`, { ok: false, detail: 'appears twice in the archive' });
    byName.set(entry.name, entry);
  }
  const manifestEntry = byName.get('manifest.json');
  if (!manifestEntry) {
    report('manifest', { ok: false, detail: 'manifest.json is missing' });
    return results;
  }
  const manifestBytes = await readEntry(file, manifestEntry);
  const manifest = JSON.parse(manifestBytes.toString('utf8'));
  report('manifest', {
    ok: true,
    detail: `project ${manifest.projectCode}, built ${manifest.builtAt} by ${manifest.builder?.name} ${manifest.builder?.version}`,
  });

  const signatures = manifest.signatures ?? ['ES256'];
  const jws = byName.get('manifest.sig');
  if (!jwks)
    report('signature ES256', { ok: false, detail: 'no key set: pass --jwks FILE|URL (GET /v1/dossier-keys)' });
  else if (!jws) report('signature ES256', { ok: false, detail: 'manifest.sig is missing' });
  else report('signature ES256', checkEs256((await readEntry(file, jws)).toString('utf8'), manifestBytes, jwks));
  if (signatures.includes('SM2DSA')) {
    const sm2 = byName.get('manifest.sm2.sig');
    if (!jwks) report('signature SM2', { ok: false, detail: 'no key set: pass --jwks FILE|URL' });
    else if (!sm2) report('signature SM2', { ok: false, detail: 'manifest.sm2.sig is missing' });
    else report('signature SM2', checkSm2(await readEntry(file, sm2), manifestBytes, jwks));
  }

  const listed = new Set();
  for (const expected of manifest.files) {
    listed.add(expected.path);
    const entry = byName.get(expected.path);
    if (!entry) {
      report(`file ${expected.path}`, { ok: false, detail: 'missing from the archive' });
      continue;
    }
    const actual = await digestEntry(file, entry, expected.sm3 !== undefined);
    const wrong = [
      actual.size !== expected.sizeBytes && `size ${actual.size}, the manifest says ${expected.sizeBytes}`,
      actual.sha256 !== expected.sha256 && 'SHA-256 differs from the manifest',
      expected.sm3 !== undefined && actual.sm3 !== expected.sm3 && 'SM3 differs from the manifest',
    ].filter(Boolean);
    report(
      `file ${expected.path}`,
      wrong.length === 0 ? { ok: true, detail: `${actual.size} bytes` } : { ok: false, detail: wrong.join('; ') },
    );
  }
  for (const name of byName.keys()) {
    if (!listed.has(name) && !SIGNATURE_FILES.includes(name)) {
      report(`file ${name}`, { ok: false, detail: 'extra: not in the manifest' });
    }
  }

  const events = byName.get('events.jsonl');
  if (!events) report('audit chain', { ok: false, detail: 'events.jsonl is missing' });
  else report('audit chain', checkChain(await readEntry(file, events), manifest.chain));
  return results;
};

const main = async (argv) => {
  const args = [...argv];
  const at = args.indexOf('--jwks');
  const jwksSource = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const [file] = args;
  if (!file || args.length !== 1 || (at >= 0 && !jwksSource)) {
    console.error('usage: lingchuan-verify dossier.zip [--jwks FILE|URL]');
    return 2;
  }
  const jwks = jwksSource ? await loadJwks(jwksSource) : undefined;
  const results = await verifyDossier(file, { jwks });
  for (const { ok, check, detail } of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${check}: ${detail}`);
  const failed = results.filter((result) => !result.ok).length;
  console.log(failed === 0 ? 'dossier verified' : `dossier NOT verified: ${failed} check(s) failed`);
  return failed === 0 ? 0 : 1;
};

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`FAIL ${error.message}`);
      process.exit(1);
    },
  );
}
