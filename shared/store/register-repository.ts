import * as z from 'zod';
import { type ProjectSummary, ProjectSummarySchema } from '#shared/domain/report.schema.ts';
import type { Register } from '#shared/use-cases/ports.ts';
import { queryAll } from './paged-query.ts';
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
});
// The store is what its port asks for (the compiler holds the two together).
registerRepository satisfies (tableName: string) => Register;

/** The `register` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const register = (env: { readonly TABLE_NAME: string }) => registerRepository(env.TABLE_NAME);
