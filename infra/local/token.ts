import { parseArgs } from 'node:util';
import { DeptIdSchema } from '#shared/domain/department.schema.ts';
import { RoleSchema } from '#shared/domain/roles.ts';
import { mintToken } from './issuer.ts';

/**
 * `npm run token -- --role data-bureau [--role …] [--dept D] [--sub S] [--name N]`: one JWT on stdout,
 * signed with the local identity provider's key, issuer, audience and claim names (under `.local/`,
 * or LINGCHUAN_DATA_DIR), so it verifies exactly like a token the console gets through the code flow.
 */
const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: [] },
    dept: { type: 'string' },
    sub: { type: 'string' },
    name: { type: 'string' },
  },
});
const roles = values.role ?? [];
for (const role of roles) {
  if (!RoleSchema.safeParse(role).success) {
    console.error(`Unknown role ${role}; roles are: ${RoleSchema.options.join(', ')}`);
    process.exit(2);
  }
}
if (roles.length === 0) {
  console.error('Give at least one --role.');
  process.exit(2);
}
if (values.dept !== undefined && !DeptIdSchema.safeParse(values.dept).success) {
  console.error(`--dept ${values.dept} is not a department id: lower-case letters, digits and hyphens (e.g. edu).`);
  process.exit(2);
}
const sub = values.sub ?? `local-${roles[0]}`;
const token = await mintToken(process.env.LINGCHUAN_DATA_DIR ?? '.local', {
  sub,
  name: values.name ?? sub,
  ...(values.dept ? { dept: values.dept } : {}),
  roles,
});
process.stdout.write(`${token}\n`);
