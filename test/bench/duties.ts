import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ObligationSchema } from '#shared/domain/obligation.ts';
import type { RuleCode } from '#shared/domain/rules/catalog.ts';
import { obligationRepository } from '#shared/store/obligation-repository.ts';

/**
 * Every kind of duty the obligation catalogue has (shared/domain/obligation.ts), with a key of the
 * shape its use case writes: the sweep's work differs by kind (a hold for ART07, none at finding
 * time for ART29 whose hold starts with the duty, next year's duty for the yearly ART07).
 */
export const DUTY_KINDS: readonly { code: RuleCode; key: string }[] = [
  { code: 'ART14-BUDGET-FILING', key: 'approval-1' },
  { code: 'ART15-EMERGENCY', key: 'tech-review' },
  { code: 'ART20-BASELINE', key: 'milestone-需求分析' },
  { code: 'ART27-ACCEPTANCE-DEADLINE', key: 'acceptance' },
  { code: 'ART29-FILING', key: 'acceptance' },
  { code: 'ART30-SELF-EVALUATION', key: 'acceptance' },
  { code: 'ART07-OM-FUNDING', key: 'om-2026' },
  { code: 'ART32-DISPOSAL-REPORT', key: 'decommission' },
];

/**
 * An open duty exactly as the obligation repository stores it, built by the repository's own
 * item builder (the write that opens a duty), so the benches cannot drift from the product.
 */
export const dutyItem = (
  projectId: string,
  ownerDeptId: string,
  kind: { code: RuleCode; key: string },
  dueDate: string,
): Record<string, unknown> => {
  const duty = ObligationSchema.parse({
    projectId,
    ownerDeptId,
    code: kind.code,
    key: kind.key,
    description: `bench ${kind.code}`,
    dueDate,
    dueBasis: { from: '2026-01-01', amount: 0, unit: 'days' },
    provisional: false,
    status: 'open',
    createdAt: '2026-01-01T00:00:00.000Z',
    settledAt: null,
    settledBy: null,
    waiverReason: null,
  });
  const item = obligationRepository('bench').open(duty).Put?.Item;
  if (!item) throw new Error('The obligation repository opens a duty with a put');
  return item;
};

/** Writes items in batches of 25 (BatchWriteItem's most), `parallel` batches at a time, until none is left unprocessed. */
export const writeItems = async (
  db: DynamoDBDocumentClient,
  table: string,
  requests: ({ PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } })[],
  parallel = 16,
) => {
  const batches: (typeof requests)[] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < batches.length) {
        let request: Record<string, typeof requests> | undefined = { [table]: batches[next++] ?? [] };
        for (let attempt = 1; request && Object.keys(request).length > 0; attempt++) {
          // What the table could not take now is sent again, after a pause that grows (as DynamoDB asks).
          if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
          const result = await db.send(new BatchWriteCommand({ RequestItems: request }));
          request = result.UnprocessedItems as typeof request;
        }
      }
    }),
  );
};

export const puts = (items: Record<string, unknown>[]) => items.map((Item) => ({ PutRequest: { Item } }));
export const deletes = (keys: Record<string, unknown>[]) =>
  keys.map((item) => ({ DeleteRequest: { Key: { PK: item.PK, SK: item.SK } } }));
