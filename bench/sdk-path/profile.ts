/** A CPU profile of the SDK path's requests, summed by package (bench/sdk-path.ts --profile). */
import { writeFileSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { availabilityReads } from './reads';

type Doc = DynamoDBDocumentClient;

/** Self time per package (node_modules/<package>, else node: internals or the app) of a CPU profile, in ms. */
function selfTimeByPackage(profile: Profiler.Profile) {
  const owner = new Map(profile.nodes.map((n) => [n.id, n.callFrame.url]));
  const byPackage = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const url = owner.get(id) ?? '';
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url.startsWith('node:') ? 'node:' : url ? 'app' : '(idle, GC, native)');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1_000);
  });
  return [...byPackage].sort((a, b) => b[1] - a[1]);
}

/** Profiles 1,000 calls through `doc` and prints self time per request by package. */
export async function profileApp(doc: Doc, t: Record<string, string>): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
  const calls = 1_000;
  for (let i = 0; i < calls; i++) await availabilityReads(doc, t);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const file = join(tmpdir(), 'sdk-path.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  // Sampled by wall clock: idle time (waiting on DynamoDB Local) and time the thread was preempted land in the rows
  // too.
  console.log(`self time per request by package (${calls * 2} requests; profile in ${file}):`);
  for (const [pkg, ms] of selfTimeByPackage(profile).slice(0, 14))
    console.log(`  ${pkg.padEnd(34)} ${((ms * 1_000) / (calls * 2)).toFixed(1)} µs`);
}
