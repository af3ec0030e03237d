import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { LocalTable } from './local-model.ts';
import { freePort } from './ports.ts';

const require = createRequire(import.meta.url);

/** The official DynamoDB Local jar ships inside this npm package; we launch it directly. */
const emulatorDir = () =>
  path.join(path.dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');

const assertJava = () => {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'DynamoDB Local needs Java, and `java` is not on the PATH. Install a JRE (Debian: apt-get install -y default-jre-headless) and start again.',
    );
  }
};

/** A DynamoDB Local left behind by a killed runtime would hold the database file; stop it first. */
const stopStale = (pidFile: string) => {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    if (pid > 0) process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
};

/** The environment without libfaketime's preload and settings. */
const withoutFakeClock = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) => !name.startsWith('FAKETIME') && !(name === 'LD_PRELOAD' && value?.includes('faketime')),
    ),
  );

export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  readonly region: string;
  /**
   * Start in about half the time, for a database restarted often and lightly used (the crash test
   * takes it down and back three times): the JVM compiles with C1 alone, whose compiler threads do
   * not compete with the start for a loaded machine's cores, at some cost to its steady speed.
   */
  readonly quickStart?: boolean;
}

export const startDynamoDbLocal = async (dataDir: string, options: DynamoDbLocalOptions): Promise<DynamoDbLocal> => {
  assertJava();
  const dbPath = path.join(dataDir, 'dynamodb');
  mkdirSync(dbPath, { recursive: true });
  const pidFile = path.join(dataDir, 'dynamodb.pid');
  stopStale(pidFile);
  const port = await freePort();
  const dir = emulatorDir();
  const child: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
      '-Xmx512m',
      ...(options.quickStart ? ['-XX:TieredStopAtLevel=1'] : []),
      '-jar',
      path.join(dir, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      '-dbPath',
      dbPath,
      '-sharedDb',
    ],
    // Its working directory is the data directory: DynamoDB Local writes a metadata file there.
    // It keeps the machine's clock under `npm run test:dates` (nothing it stores depends on the
    // date, and the JVM under libfaketime took minutes to start): the rest of the runtime moves.
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: dataDir, env: withoutFakeClock(process.env) },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  writeFileSync(pidFile, String(child.pid));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: options.region, maxAttempts: 1 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start within 60 s: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

/**
 * Adds the template's indexes that an existing table lacks (a `.local/` from before an index was
 * added), as CloudFormation would on deploy; DynamoDB fills a new index from the items stored.
 */
const addMissingIndexes = async (client: DynamoDBClient, table: LocalTable, existing: Set<string>) => {
  for (const index of table.globalSecondaryIndexes) {
    if (existing.has(index.IndexName)) continue;
    const keys = new Set(index.KeySchema.map((key) => key.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: table.name,
        AttributeDefinitions: table.attributeDefinitions.filter((a) => keys.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } },
        ],
      }),
    );
    console.log(`[dynamodb] added index ${index.IndexName} to the existing table ${table.name}`);
    for (const deadline = Date.now() + 60_000; ; ) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table.name }));
      const status = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.IndexName)?.IndexStatus;
      if (status === 'ACTIVE') break;
      if (Date.now() > deadline) throw new Error(`Index ${index.IndexName} did not become active within 60 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

/** Creates each table of the template that does not exist yet, and each index an existing one lacks; data is kept. */
export const ensureTables = async (client: DynamoDBClient, tables: readonly LocalTable[]) => {
  for (const table of tables) {
    let existing: Set<string> | undefined;
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table.name }));
      existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName ?? ''));
    } catch {
      // not there yet
    }
    if (existing) {
      await addMissingIndexes(client, table, existing);
      continue;
    }
    try {
      await client.send(
        new CreateTableCommand({
          TableName: table.name,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: table.keySchema,
          AttributeDefinitions: table.attributeDefinitions,
          ...(table.globalSecondaryIndexes.length > 0 ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes } : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
};
