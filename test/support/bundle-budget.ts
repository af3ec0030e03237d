import type { BuildOptions, Metafile } from 'esbuild';
import { HOUSE_BUNDLING } from '#infra/constructs/house-function.ts';

/** The esbuild options `cdk synth` passes for HOUSE_BUNDLING (aws-lambda-nodejs bundling.ts). */
export const HOUSE_BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: HOUSE_BUNDLING.format,
  target: HOUSE_BUNDLING.target,
  minify: HOUSE_BUNDLING.minify,
  sourcemap: HOUSE_BUNDLING.sourceMap,
  sourcesContent: HOUSE_BUNDLING.sourcesContent,
  mainFields: [...HOUSE_BUNDLING.mainFields],
  banner: { js: HOUSE_BUNDLING.banner },
};

/**
 * The floor every DynamoDB function stands on: a handler that only creates the SDK's document
 * client. No function that reads or writes the table can init faster than this, bundled the same way.
 */
export const SDK_FLOOR = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => client;
`;

/**
 * A function's bundle may weigh at most this many times the floor's (333 KB on 2026-12-05): room for
 * zod, middy, the Powertools logger and tracer (the X-Ray SDK, 122 KB), our code, and one more SDK
 * client with a file sniffer (document-arrived, the largest at 854 KB = 2.56x, with S3 and
 * file-type). zod's locales and JSON-schema conversion, the ~300 KB that came back when one module
 * imported `{ z }` (issue #19), are refused by name besides (zodLocalesIn), whatever the size.
 */
export const BUNDLE_BUDGET_OVER_FLOOR = 2.75;

/**
 * The functions allowed more, each named with what it carries beyond the rest: the audit dossier's
 * builder and routes carry the ZIP writer (fflate), the multipart upload, the KMS client and SM2
 * (sm-crypto-v2 on @noble), 930–933 KB on 2026-12-05 (2.8x). Open: the keys route needs none of
 * the signing, so splitting the signer would bring the routes' function back under the house budget.
 */
const BUDGET_EXCEPTIONS: Readonly<Record<string, number>> = {
  'functions/workflow/build-dossier.handler.ts': 2.9,
  '.build/api/dossiers.function.ts': 2.9,
};

/** A function's budget over the floor: the house budget, or its named exception. */
export const budgetOverFloor = (entry: string): number => BUDGET_EXCEPTIONS[entry] ?? BUNDLE_BUDGET_OVER_FLOOR;

/**
 * zod's locales in a bundle, besides English (the one zod configures by default): they arrive
 * whole when something reaches zod's namespace object as a value (`import { z } from 'zod'`), which
 * esbuild cannot tree-shake.
 */
export const zodLocalesIn = (metafile: Metafile): string[] =>
  Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([file, used]) => /\/zod\/.*\/locales\/(?!en\.js$)/.test(file) && used.bytesInOutput > 0)
      .map(([file]) => file.slice(file.indexOf('/zod/') + 1)),
  );
