import { CreateTableCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTables } from '#infra/local/dynamodb-local.ts';
import { readLocalModel } from '#infra/local/local-model.ts';
import { localTemplate } from '#infra/local/template.ts';
import { INDEXES } from '#shared/store/table-layout.ts';
import { runtime } from './support/client.ts';

describe('the local runtime on a table from before an index existed', () => {
  it('adds the missing index to the existing table, and DynamoDB fills it from the stored projects', async () => {
    const [template] = readLocalModel(await localTemplate({ sm2Signing: true }), {
      region: 'cn-north-1',
      parameters: { JwtIssuer: 'x', JwtAudience: 'x', ConsoleClientId: 'x', PortalOrigin: 'x' },
    }).tables;
    if (!template) throw new Error('the template has no table');
    const table = { ...template, name: `legacy-${Date.now()}` };
    const client = new DynamoDBClient({
      endpoint: runtime().dynamodb,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    // A developer's .local/ from before: the table without the year index, a project already in it.
    const older = table.globalSecondaryIndexes.filter((i) => i.IndexName !== INDEXES.byYear.name);
    const keys = new Set(older.flatMap((i) => i.KeySchema.map((k) => k.AttributeName)).concat(['PK', 'SK']));
    await client.send(
      new CreateTableCommand({
        TableName: table.name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: table.keySchema,
        AttributeDefinitions: table.attributeDefinitions.filter((a) => keys.has(a.AttributeName)),
        GlobalSecondaryIndexes: older,
      }),
    );
    await client.send(
      new PutItemCommand({
        TableName: table.name,
        Item: {
          PK: { S: 'PROJECT#old' },
          SK: { S: 'META' },
          year: { N: '2026' },
          code: { S: 'LC-2026-0001' },
          name: { S: '早已登记的项目' },
          stage: { S: 'approved' },
        },
      }),
    );

    await ensureTables(client, [table]);

    const found = await client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: INDEXES.byYear.name,
        KeyConditionExpression: '#year = :year',
        ExpressionAttributeNames: { '#year': 'year' },
        ExpressionAttributeValues: { ':year': { N: '2026' } },
      }),
    );
    expect(found.Items?.map((item) => item.code?.S)).toEqual(['LC-2026-0001']);
    client.destroy();
  });
});
