/**
 * Per-file DynamoDB Local tables: every call gets its own table-name prefix,
 * so test files never see each other's items.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { TableRole } from '../../functions/contract/tables';
import { createDocumentClient } from '../../functions/adapters/dynamo/client';
import { createTables, dynamoClientFor } from '../../local/dynamo-local';
import './provided-context';

export interface DynamoTables {
  client: DynamoDBClient;
  /** Configured exactly as the functions configure theirs (createDocumentClient). */
  doc: DynamoDBDocumentClient;
  tables: Record<TableRole, string>;
  endpoint: string;
}

/** Creates a fresh set of tables (from lib/tables.ts) on the shared DynamoDB Local. */
export async function useDynamoTables(): Promise<DynamoTables> {
  const endpoint = inject('dynamoEndpoint');
  const client = dynamoClientFor(endpoint);
  const tables = await createTables(client, { prefix: `t${randomUUID().slice(0, 8)}` });
  const doc = createDocumentClient({ endpoint, region: 'local' });
  return { client, doc, tables, endpoint };
}
