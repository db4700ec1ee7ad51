/**
 * Not a Lambda: the AWS SDK clients the webhook holds (DynamoDB with its DocumentClient, KMS, Secrets Manager),
 * constructed as at a cold start and nothing else. bench/bundles.ts bundles and loads it like a handler, so the
 * bundles' load times can be read against what the SDK alone costs on the same machine.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

const region = process.env.AWS_REGION;
const clients = [
  DynamoDBDocumentClient.from(new DynamoDBClient({ region })),
  new KMSClient({ region }),
  new SecretsManagerClient({ region }),
];

/** The clients and the commands the webhook sends, so that nothing is tree-shaken away. */
export const handler = async () => ({ clients, commands: [BatchGetCommand, QueryCommand, TransactWriteCommand] });
