import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type SecurityDrill, SecurityDrillSchema } from '#shared/domain/construction.ts';
import { type Department, DepartmentSchema } from '#shared/domain/department.schema.ts';
import { ConcurrentModificationError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Departments } from '#shared/use-cases/ports.ts';
import { dynamo } from './clients.ts';
import { queryAll } from './paged-query.ts';
import { storedAs } from './stored-item.ts';
import { type TransactItem, TransactionRefused, transact } from './transactions.ts';

/** All departments share one partition: a county has dozens, and listing them is one query. */
const PARTITION = 'DEPARTMENTS';
const key = (id: string) => ({ PK: PARTITION, SK: `DEPT#${id}` });
/** A department's security drills live in its own partition, oldest first (ART24). */
const drillKey = (drill: Pick<SecurityDrill, 'deptId' | 'on' | 'id'>) => ({
  PK: `DEPT#${drill.deptId}`,
  SK: `DRILL#${drill.on}#${drill.id}`,
});

export const departmentRepository = (tableName: string) => ({
  async get(id: string): Promise<Department | undefined> {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: key(id) }));
    return Item ? DepartmentSchema.parse(Item) : undefined;
  },

  list(): Promise<Department[]> {
    return queryAll(
      { TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': PARTITION } },
      DepartmentSchema,
      'listed',
    );
  },

  /** Records a drill of the department's security emergency plan (ART24), with what is written beside it. */
  async recordDrill(drill: SecurityDrill, also: readonly TransactItem[] = []): Promise<void> {
    await transact([
      {
        Put: {
          TableName: tableName,
          Item: { ...drillKey(drill), type: 'drill', ...SecurityDrillSchema.parse(drill) },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...also,
    ]);
  },

  /** The department's drills, oldest first. */
  drills(deptId: string): Promise<SecurityDrill[]> {
    return queryAll(
      {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :drill)',
        ExpressionAttributeValues: { ':pk': `DEPT#${deptId}`, ':drill': 'DRILL#' },
      },
      storedAs(SecurityDrillSchema),
    );
  },

  /**
   * Writes `department` if the stored version is still `department.version - 1` (or none, for
   * version 1), with its audit record in the same transaction: who changed it, when, and what it
   * was (in the department's own partition, one item per version).
   */
  async put(
    department: Department,
    audit: { at: string; actor: Actor; from: Pick<Department, 'name' | 'dataManagementUnit' | 'bureauRole'> | null },
  ): Promise<void> {
    const stored = DepartmentSchema.parse(department);
    try {
      await transact([
        {
          Put: {
            TableName: tableName,
            Item: { ...key(department.id), type: 'department', ...stored },
            ConditionExpression: department.version === 1 ? 'attribute_not_exists(PK)' : 'version = :previous',
            ...(department.version === 1 ? {} : { ExpressionAttributeValues: { ':previous': department.version - 1 } }),
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              PK: `DEPT#${department.id}`,
              SK: `CHANGE#${String(department.version).padStart(8, '0')}`,
              type: 'department-change',
              at: audit.at,
              actor: { sub: audit.actor.sub, name: audit.actor.name, roles: [...audit.actor.roles] },
              version: department.version,
              from: audit.from,
              to: { name: stored.name, dataManagementUnit: stored.dataManagementUnit, bureauRole: stored.bureauRole },
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ]);
    } catch (error) {
      if (error instanceof TransactionRefused)
        throw new ConcurrentModificationError('The department changed meanwhile.');
      throw error;
    }
  },
});
// The store is what its port asks for (the compiler holds the two together).
departmentRepository satisfies (tableName: string) => Departments;

/** The `departments` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const departments = (env: { readonly TABLE_NAME: string }) => departmentRepository(env.TABLE_NAME);
