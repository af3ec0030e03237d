// Once, after the release that brought the public register (issue #21), against the deployed table:
//   TABLE_NAME=<the functions' TABLE_NAME> AWS_REGION=cn-north-1 npx tsx scripts/backfill-public-register.ts
// (and AWS_ENDPOINT_URL_DYNAMODB=<DynamoDB Local> for a local runtime's `.local/`). Lists on the
// register the projects approved before it existed and not written since; a project written since
// healed itself, because the repository sets the register's keys on every write. Safe to run again,
// or while the system is in use: each write is conditional on the version read and on the keys
// still missing (shared/store/public-register-backfill.ts).
import { backfillPublicRegister } from '#shared/store/public-register-backfill.ts';

const table = process.env.TABLE_NAME;
if (!table) {
  console.error('TABLE_NAME names the table to backfill (the one the stack gives its functions as TABLE_NAME).');
  process.exit(2);
}
const done = await backfillPublicRegister(table);
console.log(
  `${done.missing} project(s) of a public stage lacked the register's keys: ${done.listed} listed now, ${done.raced} written meanwhile (healed by that write), ${done.skipped.length} skipped`,
);
for (const key of done.skipped)
  console.log(`  skipped ${key}: today's schema refuses it, or its day of approval is unknown`);
