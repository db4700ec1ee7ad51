/**
 * A DocumentClient whose every send is answered by aws-sdk-client-mock (`mock`), for the store failures DynamoDB
 * Local cannot produce (throttling, lost answers, cancellation reasons). One per test file: vitest isolates files.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
export const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local', credentials }));
export const mock = mockClient(DynamoDBDocumentClient);
/** The `$metadata` every SDK exception carries. */
export const meta = { $metadata: {} };
