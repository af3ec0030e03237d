import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { RESOURCE_ENTRIES_DIR } from '../constructs/resource-entry.ts';
import { ENTRY_METADATA } from '../constructs/template-metadata.ts';
import { LOCAL_CACHE_DIR, PROJECT_ROOT } from '../project-root.ts';

export type CfnValue = unknown;
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, CfnValue>;
  readonly Metadata?: Record<string, CfnValue>;
}
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Parameters?: Record<string, { readonly Default?: string }>;
}

/** What a synthesis reads: the stack's code, the functions and shared code it names, the console, the lockfile. */
const SYNTH_INPUTS = ['infra', 'functions', 'shared', 'console', 'package-lock.json'];
/** Inside those, what a synthesis never reads: the console's build output and installed packages. */
const NOT_INPUTS = new Set(['dist', 'node_modules']);
/** Where templates are kept, one file per hash of the inputs. */
export const TEMPLATE_CACHE_DIR = path.join(LOCAL_CACHE_DIR, 'templates');
/** A kept template unused this long is someone's old branch: removed when another is written. */
const CACHE_KEPT_MS = 7 * 24 * 3600_000;

/** SHA-256 over every input file's path and bytes, in a fixed order, and the synthesis context. */
export const synthInputsHash = (context: Record<string, unknown>): string => {
  const hash = createHash('sha256');
  const visit = (relative: string) => {
    const absolute = path.join(PROJECT_ROOT, relative);
    if (!existsSync(absolute)) return;
    if (statSync(absolute).isDirectory()) {
      for (const name of readdirSync(absolute).sort()) {
        if (!NOT_INPUTS.has(name)) visit(path.join(relative, name));
      }
      return;
    }
    hash.update(`${relative}\0`).update(readFileSync(absolute)).update('\0');
  };
  for (const input of SYNTH_INPUTS) visit(input);
  const keys = Object.keys(context).sort();
  hash.update(JSON.stringify(keys.map((key) => [key, context[key]])));
  return hash.digest('hex');
};

/** A kept synthesis: the template and the resource functions' entries it wrote under `.build/`. */
interface KeptSynthesis {
  readonly template: CfnTemplate;
  readonly entries: Record<string, string>;
}

/** Writes a file through a rename, and only when it differs, so that concurrent starts never read half of one. */
const writeWhole = (file: string, content: string) => {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, content);
  renameSync(partial, file);
};

/**
 * A template's age is counted on the clock of the process that uses it (its mtime set from
 * `Date.now()` when written or read), either way from now, and the one just written is never
 * removed: under test:dates the clock runs hundreds of days ahead of the file system's, and each
 * start removed the template it had just kept and synthesized again (seconds of every one of the
 * crash test's twenty restarts); back at the real date, what those runs used lies in the future.
 */
const markUsed = (file: string) => {
  const now = new Date();
  utimesSync(file, now, now);
};

const pruneOldTemplates = (kept: string) => {
  for (const name of readdirSync(TEMPLATE_CACHE_DIR)) {
    const file = path.join(TEMPLATE_CACHE_DIR, name);
    if (file !== kept && Math.abs(Date.now() - statSync(file).mtimeMs) > CACHE_KEPT_MS) unlinkSync(file);
  }
};

/**
 * The template `synthesizeTemplate` would give for the sources as they are now. A synthesis loads
 * aws-cdk-lib and builds the whole stack (seconds, some twenty times in the crash test alone), so
 * its template is kept under a hash of everything it reads and of its context, together with the
 * resource functions' entries it writes under `.build/` (written again on a hit, so a kept
 * template never names an entry another synthesis changed). An edit anywhere in the inputs makes
 * a new hash: a start never runs a template older than the code.
 */
export const localTemplate = async (context: Record<string, unknown> = {}): Promise<CfnTemplate> => {
  const file = path.join(TEMPLATE_CACHE_DIR, `${synthInputsHash(context)}.json`);
  if (existsSync(file)) {
    try {
      const kept = JSON.parse(readFileSync(file, 'utf8')) as KeptSynthesis;
      for (const [entry, source] of Object.entries(kept.entries)) writeWhole(path.join(PROJECT_ROOT, entry), source);
      markUsed(file);
      return kept.template;
    } catch {
      // unreadable (a disk filled mid-write): synthesize again below
    }
  }
  const { synthesizeTemplate } = await import('./synthesize.ts');
  const template = synthesizeTemplate(context);
  const entries: Record<string, string> = {};
  for (const resource of Object.values(template.Resources)) {
    const entry = entryOf(resource);
    if (entry?.startsWith(`${RESOURCE_ENTRIES_DIR}/`)) {
      entries[entry] = readFileSync(path.join(PROJECT_ROOT, entry), 'utf8');
    }
  }
  writeWhole(file, JSON.stringify({ template, entries } satisfies KeptSynthesis));
  markUsed(file);
  pruneOldTemplates(file);
  return template;
};

/** Local stand-ins for what CloudFormation would resolve at deploy time. */
export interface LocalNames {
  readonly parameters: Record<string, string>;
  readonly region: string;
}

export const LOCAL_ACCOUNT = '000000000000';

export const localBucketName = (logicalId: string) => `lingchuan-${logicalId.toLowerCase()}`;
export const localFunctionArn = (region: string, logicalId: string) =>
  `arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:${logicalId}`;
export const localStateMachineArn = (region: string, logicalId: string) =>
  `arn:aws:states:${region}:${LOCAL_ACCOUNT}:stateMachine:${logicalId}`;
export const localTopicArn = (region: string, logicalId: string) =>
  `arn:aws:sns:${region}:${LOCAL_ACCOUNT}:${logicalId}`;

/** Resolves the intrinsic functions our template uses (Ref, GetAtt, Join, Sub of pseudo parameters). */
export const resolver = (template: CfnTemplate, names: LocalNames) => {
  const ref = (id: string): string => {
    if (id === 'AWS::Region') return names.region;
    if (id === 'AWS::AccountId') return LOCAL_ACCOUNT;
    if (id === 'AWS::Partition') return 'aws';
    if (id === 'AWS::URLSuffix') return 'amazonaws.com';
    if (id === 'AWS::StackName') return 'Lingchuan';
    const parameter = names.parameters[id] ?? template.Parameters?.[id]?.Default;
    if (parameter !== undefined) return parameter;
    const resource = template.Resources[id];
    if (!resource) throw new Error(`Ref to unknown ${id}`);
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        return localBucketName(id);
      case 'AWS::StepFunctions::StateMachine':
        return localStateMachineArn(names.region, id);
      case 'AWS::SNS::Topic':
        return localTopicArn(names.region, id);
      default:
        return id;
    }
  };
  const getAtt = (id: string, attribute: string): string => {
    const resource = template.Resources[id];
    if (!resource) throw new Error(`GetAtt of unknown ${id}`);
    if (resource.Type === 'AWS::Lambda::Function' && attribute === 'Arn') return localFunctionArn(names.region, id);
    if (resource.Type === 'AWS::S3::Bucket' && attribute === 'Arn') return `arn:aws:s3:::${localBucketName(id)}`;
    if (resource.Type === 'AWS::StepFunctions::StateMachine' && attribute === 'Arn')
      return localStateMachineArn(names.region, id);
    if (attribute === 'Arn') return `arn:aws:local:${names.region}:${LOCAL_ACCOUNT}:${id}`;
    return `${id}.${attribute}`;
  };
  const resolve = (value: CfnValue): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [key, arg] = entries[0] ?? [];
    if (entries.length === 1 && key === 'Ref') return ref(arg as string);
    if (entries.length === 1 && key === 'Fn::GetAtt') {
      const [id, attribute] = (typeof arg === 'string' ? arg.split('.') : arg) as [string, string];
      return getAtt(id, attribute);
    }
    if (entries.length === 1 && key === 'Fn::Join') {
      const [separator, parts] = arg as [string, CfnValue[]];
      return parts.map((part) => String(resolve(part))).join(separator);
    }
    if (entries.length === 1 && key === 'Fn::Sub' && typeof arg === 'string') {
      return arg.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
        name.includes('.') ? getAtt(...(name.split('.') as [string, string])) : ref(name),
      );
    }
    if (entries.length === 1 && key?.startsWith('Fn::')) throw new Error(`Unsupported intrinsic ${key}`);
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]));
  };
  return resolve;
};

export const entryOf = (resource: CfnResource): string | undefined => {
  const entry = resource.Metadata?.[ENTRY_METADATA];
  return typeof entry === 'string' ? entry : undefined;
};
