import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type AnnualPlan, AnnualPlanSchema } from '#shared/domain/annual-plan.schema.ts';
import type { AnnualPlans } from '#shared/use-cases/ports.ts';
import { dynamo } from './clients.ts';

const key = (year: number) => ({ PK: 'ANNUAL-PLAN', SK: `YEAR#${year}` });

/** ART06: the county's approved annual project plans, kept by the Data Bureau. */
export const annualPlanRepository = (tableName: string) => ({
  async get(year: number): Promise<AnnualPlan | undefined> {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: key(year) }));
    return Item ? AnnualPlanSchema.parse(Item) : undefined;
  },
  async put(plan: AnnualPlan): Promise<void> {
    await dynamo().send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key(plan.year), type: 'annual-plan', ...AnnualPlanSchema.parse(plan) },
      }),
    );
  },
});
// The store is what its port asks for (the compiler holds the two together).
annualPlanRepository satisfies (tableName: string) => AnnualPlans;

/** The `annualPlans` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const annualPlans = (env: { readonly TABLE_NAME: string }) => annualPlanRepository(env.TABLE_NAME);
