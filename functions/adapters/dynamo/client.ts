/**
 * The one place DynamoDB clients are configured: explicit timeouts and bounded retries for a voice-call latency budget.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToDeadline } from '../shared/deadline-scope';
import { withFastConfig, withoutSdkLogging } from '../shared/sdk-client';
import { KeyCachingSha256 } from '../shared/sdk-sha256';
import { coalesceGets } from './coalesced-gets';

export interface DynamoClientOptions {
  /** Only for DynamoDB Local (see functions/runtime/config.ts readDynamo). */
  endpoint?: string;
  region: string;
}

/**
 * A DocumentClient with 1 s connect / 1.5 s request timeouts, 2 attempts, every call bounded by the invocation
 * deadline, GetItems sent together coalesced into one BatchGetItem, and the SDK's per-request CPU trimmed
 * (sdk-client.ts, sdk-sha256.ts; measured by bench/sdk-path.ts).
 */
export function createDocumentClient(opts: DynamoClientOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: opts.region,
    endpoint: opts.endpoint,
    // DynamoDB Local ignores credentials; dummy ones spare local runs the default provider chain.
    credentials: opts.endpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    // AWS SDK defaults are 0 = no timeout; a hung socket would otherwise eat the whole webhook budget.
    // throwOnRequestTimeout: without it, newer smithy handlers only log a warning when requestTimeout passes.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 1_500, throwOnRequestTimeout: true },
    // Two attempts: DynamoDB answers in milliseconds; a third attempt only eats the caller's patience.
    maxAttempts: 2,
    retryMode: 'standard',
    // SigV4's HMAC keys imported once, not per HMAC (sdk-sha256.ts): ~75 µs less CPU per request.
    sha256: KeyCachingSha256,
  });
  const doc = DynamoDBDocumentClient.from(withoutSdkLogging(client), {
    marshallOptions: { removeUndefinedValues: true },
  });
  // After DocumentClient.from, which adds to the shared config: the SDK's per-request spreads of it get cheap.
  withFastConfig(doc);
  // Concurrent GetItems of one invocation go out as one BatchGetItem (coalesced-gets.ts), under the same deadline.
  return boundToDeadline(coalesceGets(doc));
}
