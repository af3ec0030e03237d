import * as z from 'zod';
import { type PublicEntry, PublicEntrySchema } from '#shared/domain/public-register.ts';
import { type ProjectSummary, ProjectSummarySchema } from '#shared/domain/report.schema.ts';
import type { Register } from '#shared/use-cases/ports.ts';
import { type Page, queryAll, queryPage } from './paged-query.ts';
import { INDEXES } from './table-layout.ts';

/** An index entry of the year register: the table keys plus the summary the index includes. */
const EntrySchema = z
  .object({ PK: z.string().startsWith('PROJECT#'), approvedBudgetFen: z.number().nullish() })
  .passthrough()
  .transform(({ PK, ...rest }) =>
    ProjectSummarySchema.parse({
      ...rest,
      id: PK.slice('PROJECT#'.length),
      approvedBudgetFen: rest.approvedBudgetFen ?? null,
    }),
  );

/** The public register's index keys of a project approved on `approvedOn` (written with the project). */
export const publicRegisterKeys = (year: number, approvedOn: string, code: string) => ({
  [INDEXES.publicRegister.pk]: `PUBLIC#${year}`,
  [INDEXES.publicRegister.sk]: `${approvedOn}#${code}`,
});

/** An entry of the public index: the attributes it includes, the day of approval from its sort key. */
const PublicIndexEntrySchema = z
  .object({ [INDEXES.publicRegister.sk]: z.string() })
  .passthrough()
  .transform((item) =>
    PublicEntrySchema.parse({
      ...item,
      approvedOn: String(item[INDEXES.publicRegister.sk]).slice(0, 'YYYY-MM-DD'.length),
      approvedEstimateFen: item.approvedEstimateFen ?? null,
      approvedBudgetFen: item.approvedBudgetFen ?? null,
      acceptedOn: item.acceptedOn ?? null,
    }),
  );

/**
 * The county's project register by year (the sparse `byYear` index): what reports read. One
 * query of the year's partition, in code order; its cost grows with that year's projects only.
 */
export const registerRepository = (tableName: string) => ({
  projectsOfYear(year: number): Promise<ProjectSummary[]> {
    return queryAll(
      {
        TableName: tableName,
        IndexName: INDEXES.byYear.name,
        KeyConditionExpression: '#year = :year',
        ExpressionAttributeNames: { '#year': INDEXES.byYear.pk },
        ExpressionAttributeValues: { ':year': year },
      },
      EntrySchema,
    );
  },

  /**
   * A page of the public register of one year of approval (the sparse `publicRegister` index), in
   * the order of approval: a query of that year's partition, never a scan.
   */
  publicPage(year: number, page: { limit: number; cursor?: string | undefined }): Promise<Page<PublicEntry>> {
    const { name, pk, sk } = INDEXES.publicRegister;
    const partition = `PUBLIC#${year}`;
    return queryPage(
      {
        TableName: tableName,
        IndexName: name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': pk },
        ExpressionAttributeValues: { ':pk': partition },
      },
      PublicIndexEntrySchema,
      page,
      { partition: { name: pk, value: partition }, keys: ['PK', 'SK', pk, sk] },
    );
  },
});
// The store is what its port asks for (the compiler holds the two together).
registerRepository satisfies (tableName: string) => Register;

/** The `register` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const register = (env: { readonly TABLE_NAME: string }) => registerRepository(env.TABLE_NAME);
