/**
 * SDK-path micro-bench: CPU µs per DynamoDB request the webhook's warm get_availability makes, through the app's
 * client (createDocumentClient) against DynamoDB Local: two GetItems in one tick (coalesced into one BatchGetItem:
 * the ~5 KB connections item and a small settings item), then a Query with a FilterExpression and a
 * ProjectionExpression that returns 6 of a partition's 30 items, all under an invocation deadline (withDeadline).
 * Beside it, interleaved round by round so both see the same machine, the same two requests through a DocumentClient
 * with the SDK's defaults (its own middleware, logger included; coalesced and deadline-bound the same way): the
 * yardstick for what the app's client saves. CPU is process.cpuUsage() (this process only: the JVM is another).
 * The requests are in sdk-path/reads.ts, the profile's summary in sdk-path/profile.ts.
 * Run: npx tsx bench/sdk-path.ts [--profile]   (--profile: a CPU profile of the app's client, self time by package)
 */
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../functions/adapters/dynamo/client';
import { coalesceGets } from '../functions/adapters/dynamo/coalesced-gets';
import { boundToDeadline } from '../functions/adapters/shared/deadline-scope';
import { createTables, dynamoClientFor, startDynamoLocal } from '../local/dynamo-local';
import { profileApp } from './sdk-path/profile';
import { availabilityReads, seed } from './sdk-path/reads';

export interface SdkPathFigures {
  /** Median CPU µs per request (one get_availability's two requests, halved) through createDocumentClient. */
  appCpuUsPerRequest: number;
  /** The same through a DocumentClient with the SDK's defaults. */
  defaultCpuUsPerRequest: number;
  /** Median wall µs per request (loopback to DynamoDB Local included) through createDocumentClient. */
  appWallUsPerRequest: number;
}

type Doc = DynamoDBDocumentClient;
const ROUNDS = 12;
const CALLS_PER_ROUND = 150;
const WARM_UP = 300;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** CPU and wall µs of each call of one round. */
async function round(doc: Doc, t: Record<string, string>, cpu: number[], wall: number[]): Promise<void> {
  for (let i = 0; i < CALLS_PER_ROUND; i++) {
    const [c0, w0] = [cpuNow(), performance.now()];
    await availabilityReads(doc, t);
    cpu.push((cpuNow() - c0) / 2);
    wall.push(((performance.now() - w0) * 1_000) / 2);
  }
}

/** Runs the bench; with `profile`, also profiles the app's client and prints where its time goes. */
export async function benchSdkPath(opts: { profile?: boolean } = {}): Promise<SdkPathFigures> {
  const local = await startDynamoLocal();
  const t = await createTables(dynamoClientFor(local.endpoint), { prefix: 'sdkbench' });
  const app = createDocumentClient({ endpoint: local.endpoint, region: 'local' });
  const plain = new DynamoDBClient({
    endpoint: local.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const sdkDefault = boundToDeadline(coalesceGets(DynamoDBDocumentClient.from(plain)));
  try {
    await seed(app, t);
    for (let i = 0; i < WARM_UP; i++) for (const doc of [app, sdkDefault]) await availabilityReads(doc, t);
    const figures = {
      app: { cpu: [] as number[], wall: [] as number[] },
      sdkDefault: { cpu: [] as number[], wall: [] as number[] },
    };
    for (let r = 0; r < ROUNDS; r++) {
      await round(app, t, figures.app.cpu, figures.app.wall);
      await round(sdkDefault, t, figures.sdkDefault.cpu, figures.sdkDefault.wall);
    }
    const result = {
      appCpuUsPerRequest: median(figures.app.cpu),
      defaultCpuUsPerRequest: median(figures.sdkDefault.cpu),
      appWallUsPerRequest: median(figures.app.wall),
    };
    console.log(
      `sdk path (BatchGetItem of 2 items + Query, ${ROUNDS * CALLS_PER_ROUND} calls each): CPU per request p50 ` +
        `${result.appCpuUsPerRequest.toFixed(0)} µs through createDocumentClient, ` +
        `${result.defaultCpuUsPerRequest.toFixed(0)} µs through an SDK-default DocumentClient; ` +
        `wall per request p50 ${result.appWallUsPerRequest.toFixed(0)} µs (loopback to DynamoDB Local included)`,
    );
    if (opts.profile) await profileApp(app, t);
    return result;
  } finally {
    app.destroy();
    sdkDefault.destroy();
    await local.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchSdkPath({ profile: process.argv.includes('--profile') });
}
