import { startLocalRuntime } from './runtime.ts';
import { seedDepartments } from './seed.ts';

/** `npm start`: the whole system on this machine, state under .local/, until Ctrl-C. */
const port = Number(process.env.PORT ?? 3000);
// LINGCHUAN_DATA_DIR lets the restart test run a second system beside a developer's own .local/.
// LINGCHUAN_REVIEW_TIMEOUT_SECONDS shortens the review timeout, to watch escalation happen.
// LINGCHUAN_CLAIM_DEPT / _ROLES / _NAME / _ROLE_PREFIX run it as a county whose identity provider names
// its claims its own way (e.g. dept_code, groups, lingchuan-): README § Deploying.
const reviewTimeout = process.env.LINGCHUAN_REVIEW_TIMEOUT_SECONDS;
const claims = Object.fromEntries(
  Object.entries({
    dept: process.env.LINGCHUAN_CLAIM_DEPT,
    roles: process.env.LINGCHUAN_CLAIM_ROLES,
    name: process.env.LINGCHUAN_CLAIM_NAME,
    rolePrefix: process.env.LINGCHUAN_CLAIM_ROLE_PREFIX,
  }).filter(([, value]) => value !== undefined),
);
// Locally both dossier keys exist (ES256 and SM2), as in the runtime's own synthesis.
const context = { sm2Signing: true, ...(reviewTimeout ? { reviewTimeoutSeconds: Number(reviewTimeout) } : {}) };
const runtime = await startLocalRuntime({
  dataDir: process.env.LINGCHUAN_DATA_DIR ?? '.local',
  port,
  // The template is synthesized once for the sources as they are and kept (template.ts: localTemplate).
  context,
  claims,
  // LINGCHUAN_DYNAMODB_ENDPOINT: a DynamoDB Local started apart, which a kill of this process leaves running.
  ...(process.env.LINGCHUAN_DYNAMODB_ENDPOINT ? { dynamodbEndpoint: process.env.LINGCHUAN_DYNAMODB_ENDPOINT } : {}),
});
const seeded = await seedDepartments(runtime.url, runtime.dataDir);
console.log(`Lingchuan local runtime listening on ${runtime.url}`);
console.log(`  console: ${runtime.url}/  (sign in through the local identity provider as any preset identity)`);
console.log(`  identity provider: ${runtime.url}/oidc/.well-known/openid-configuration`);
if (seeded.length > 0) console.log(`  registered for a first declaration (ART09): ${seeded.join('、')}`);
console.log(`  try: curl ${runtime.url}/v1/health`);
console.log(`  dynamodb: ${runtime.endpoints.dynamodb}  s3: ${runtime.endpoints.s3}  sfn: ${runtime.endpoints.sfn}`);
console.log(`  table: ${runtime.tableName}  bucket: ${runtime.bucketName}  state: ${runtime.dataDir}`);
console.log(`  token: npm run token -- --role data-bureau`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
