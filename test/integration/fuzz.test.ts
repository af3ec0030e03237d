import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routes } from '#functions/api/routes.ts';
import { signClaims } from '#infra/local/issuer.ts';
import { ROLES } from '#shared/domain/roles.ts';
import type { RouteDefinition } from '#shared/http/route.ts';
import { type CallResult, call, runtime, tokenFor } from './support/client.ts';
import { emergencyBody, projectBody } from './support/scenario.ts';

const pathValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '0',
    '-1',
    '2026',
    '99999999999999999999',
    'LC-2026-0001',
    '..',
    '%',
    '\u0000',
    '项目',
    '0x7EA',
    '2026.0',
  ),
);

const rawBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '[]', 'null', '{"name":', '{"totalInvestmentFen":1e309}', '{"__proto__":{"x":1}}', '"\\ud800"'),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })).map((value) => JSON.stringify(value)),
);

/** Text with what a careless or hostile caller puts in: controls, line breaks, bidi and zero-width characters, lone surrogates. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '\u0000',
          '\t',
          '\n',
          '\r',
          '\r\n',
          '\u0085',
          '\u202e',
          '\u2066',
          '\u200b',
          '\ufeff',
          '\ud800',
          '\udc00',
        ),
        fc.string({ maxLength: 5 }),
        fc.constantFrom('县', '平台', ' ', '\u3000'),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

/**
 * Bodies in the shape of each kind of request, with hostile text in every free-text field: a
 * project (create, patch), a department, a decision, a waiver, a document, an annual plan.
 */
const hostileBody = fc
  .record({ a: hostileText, b: hostileText, c: hostileText })
  .chain(({ a, b, c }) =>
    fc.constantFrom(
      projectBody({
        name: a,
        emergency: emergencyBody({ justification: b }),
        interop: { interconnection: c, dataSharing: b, businessCollaboration: '' },
        deployment: { target: 'public-cloud', migrationPlan: c },
      }),
      { name: a, dataManagementUnit: { name: b, contact: c } },
      { decision: 'return', opinion: a, checklist: { dataSharing: { ok: false, note: b } } },
      { reason: a },
      {
        kind: 'construction-plan',
        fileName: `${a}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: 10,
        sha256: 'a'.repeat(64),
      },
      { items: [{ id: 'x', deptId: 'edu', name: a }] },
    ),
  )
  .map((body) => JSON.stringify(body));

/** Bytes that are often not UTF-8: a JSON body with invalid sequences spliced in, or noise. */
const invalidUtf8Body = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc
    .tuple(
      fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => b.map((x) => 0x80 | x)),
      fc.nat({ max: 60 }),
    )
    .map(([bad, at]) => {
      const json = Buffer.from(JSON.stringify(projectBody()));
      const cut = Math.min(at, json.length);
      return new Uint8Array(Buffer.concat([json.subarray(0, cut), Buffer.from(bad), json.subarray(cut)]));
    }),
);

const oddNumber = fc.oneof(
  fc.constantFrom(
    '0x10',
    '%20200',
    ' 200',
    '1e2',
    '%2B5',
    '+5',
    '5.0',
    '-1',
    '0',
    '201',
    '',
    '007',
    'Infinity',
    'NaN',
    '1_0',
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
);

const headers = fc.record(
  {
    'if-match': fc.oneof(fc.string({ maxLength: 20 }), fc.nat().map(String)),
    'idempotency-key': fc.string({ maxLength: 80 }),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/xml', ''),
  },
  { requiredKeys: [] },
);

/** Claims a careless identity provider might sign: departments of another format, roles as strings, unknown roles, no subject. */
const claims = fc.record(
  {
    sub: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('fuzz-claims'), fc.constant(['fuzz-claims'])),
    name: hostileText,
    dept: fc.oneof(
      fc.constantFrom('EDU', '', ' ', 'edu', 'fuzz-dept', '../x', 'e'.repeat(70)),
      fc.string({ maxLength: 10 }),
    ),
    roles: fc.oneof(
      fc.subarray([...ROLES]),
      fc.array(fc.oneof(fc.constantFrom(...ROLES), fc.string({ maxLength: 10 })), { maxLength: 4 }),
      fc.constantFrom('admin', 'admin,audit', 'admin audit', '[admin]', '[admin data-bureau]', ''),
      fc.constant([['admin']]),
      fc.constantFrom(42, true, null, { role: 'admin' }),
    ),
  },
  { requiredKeys: [] },
);

/** The role list a function accepts: an array of strings, read from the token with its JSON types (never a string). */
const rolesAsFunctionsSee = (roles: unknown): unknown[] | undefined => (Array.isArray(roles) ? roles : undefined);

const fill = (route: RouteDefinition, values: string[]) => {
  let i = 0;
  return route.path.replace(/\{\w+\}/g, () => encodeURIComponent(values[i++] ?? 'x'));
};

const admitted = async (route: RouteDefinition) =>
  route.roles === 'public' ? undefined : tokenFor({ roles: [...route.roles], dept: 'fuzz-dept', sub: 'fuzz' });

/** Never a 5xx; every refusal a problem+json body with a code. */
const expectHandled = (response: CallResult, route: RouteDefinition) => {
  expect(response.status, `${route.method} ${route.path}`).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(typeof (response.body as { code?: unknown }).code).toBe('string');
  }
};

/**
 * Random and malformed input at every declared route, as someone the route admits: the answer
 * is never a 5xx, and every refusal is a problem+json body with a code.
 */
describe('fuzz: malformed bodies, headers and path parameters at every route', () => {
  it('never answers 5xx and always refuses with problem+json', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(pathValue, { minLength: 3, maxLength: 3 }),
        rawBody,
        headers,
        fc.boolean(),
        async (route, values, body, extraHeaders, withToken) => {
          const token = withToken ? await admitted(route) : undefined;
          const response = await call(route.method, fill(route, values), {
            ...(token ? { token } : {}),
            headers: extraHeaders,
            ...(route.method === 'GET' ? {} : { rawBody: body }),
          });
          expectHandled(response, route);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never answers 5xx to control characters, bidi and zero-width text, or bytes that are not UTF-8 (issue #15 item 6)', async () => {
    const writing = routes.filter((route) => route.body);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writing),
        fc.array(pathValue, { minLength: 3, maxLength: 3 }),
        fc.oneof(hostileBody, invalidUtf8Body),
        async (route, values, body) => {
          const token = await admitted(route);
          const response = await call(route.method, fill(route, values), {
            ...(token ? { token } : {}),
            headers: { 'content-type': 'application/json' },
            rawBody: body,
          });
          expectHandled(response, route);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never answers 5xx to odd ?limit=, ?add= and year values, and refuses those not in decimal digits (issue #15 item 6)', async () => {
    const numbered = routes.filter((route) => route.method === 'GET' && (route.query || route.path.includes('{year}')));
    const reads = (route: RouteDefinition, name: string) =>
      name in ((route.query as { shape?: object } | undefined)?.shape ?? {});
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...numbered),
        oddNumber,
        oddNumber,
        oddNumber,
        async (route, year, limit, add) => {
          const path = route.path.replace('{year}', year).replace(/\{\w+\}/g, 'fuzz');
          const response = await call(route.method, `${path}?limit=${limit}&add=${add}&from=2026-01-05`, {
            token: await admitted(route),
          });
          expectHandled(response, route);
          const digits = (value: string) => /^[0-9]+$/.test(value);
          const malformed =
            (reads(route, 'limit') && !digits(limit)) ||
            (reads(route, 'add') && !digits(add)) ||
            (route.path.includes('{year}') && year !== '' && !digits(year));
          // A year of "." or ".." is a path the URL resolves away: no route, 404.
          if (malformed && response.status !== 404)
            expect(response.status, `${path} limit=${limit} add=${add}`).toBe(400);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx to tokens whose claims are outside the contract, and refuses them with 401 (issue #15 items 1 and 5)', async () => {
    const protectedRoutes = routes.filter((route) => route.roles !== 'public');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...protectedRoutes), claims, fc.boolean(), async (route, payload, expires) => {
        const token = await signClaims(runtime().dataDir, payload, expires ? '1h' : null);
        const response = await call(route.method, fill(route, ['fuzz', 'fuzz', 'fuzz']), {
          token,
          ...(route.method === 'GET' ? {} : { body: {} }),
        });
        expectHandled(response, route);
        const wellFormed =
          expires &&
          typeof payload.sub === 'string' &&
          payload.sub !== '' &&
          (payload.dept === undefined || /^[a-z0-9][a-z0-9-]{0,62}$/.test(payload.dept)) &&
          rolesAsFunctionsSee(payload.roles)?.every(
            (role) => typeof role === 'string' && (ROLES as readonly string[]).includes(role),
          ) === true;
        if (!wellFormed) expect(response.status, JSON.stringify(payload)).toBe(401);
      }),
      { numRuns: 200 },
    );
  });
});
