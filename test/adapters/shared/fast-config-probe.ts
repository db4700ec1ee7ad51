/**
 * Run by sdk-client.test.ts in a node started with --allow-natives-syntax: prints whether a DynamoDB client's config
 * is in V8's fast-properties mode, as the SDK builds it and after withFastConfig, each after a few requests, and
 * whether createDocumentClient's is.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../../functions/adapters/dynamo/client';
import { withFastConfig } from '../../../functions/adapters/shared/sdk-client';

const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

async function afterRequests(client: DynamoDBClient): Promise<boolean> {
  for (let i = 0; i < 3; i++) await client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } }));
  return hasFastProperties(client.config);
}

const offline = () =>
  new DynamoDBClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    requestHandler: {
      handle: async () => ({
        response: {
          statusCode: 200,
          headers: { 'content-type': 'application/x-amz-json-1.0' },
          body: Buffer.from('{}'),
        },
      }),
    } as never,
  });

const fast = withFastConfig(offline());
const fastAtOnce = hasFastProperties(fast.config);
// The app's own DocumentClient (DocumentClient.from adds to the config it shares with the inner client).
const wired = hasFastProperties(createDocumentClient({ region: 'eu-west-1' }).config);
const sdk = await afterRequests(offline());
console.log(JSON.stringify({ sdk, fastAtOnce, fast: await afterRequests(fast), wired }));
