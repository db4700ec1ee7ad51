/**
 * Provider transport micro-bench: the global fetch (undici) against httpFetch (node:http with a keep-alive agent,
 * functions/adapters/shared/https-transport.ts) on a loopback server answering a gzip'd Graph calendarView page of
 * 60 events (sizes printed). Per fresh process (node:https loaded first, as the AWS SDK does on a Lambda cold
 * start): the first request's wall and CPU time, then the CPU per warm request over WARM sequential requests. The
 * server runs in this process, the clients in child processes, so the client figures hold no server work. Medians
 * of ROUNDS processes per transport.
 * Run: npx tsx bench/transport.ts
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { seededRandom } from './random';

const ROUNDS = 7;
const WARM = 1_000;
const MODES = ['fetch', 'httpFetch'] as const;
type Mode = (typeof MODES)[number];

/** One child process's figures (ms for wall, µs for CPU). */
export interface TransportSample {
  firstWallMs: number;
  firstCpuUs: number;
  warmCpuUsPerRequest: number;
}

const cpu = () => {
  const used = process.cpuUsage();
  return used.user + used.system;
};

/** In the child: times the first request, then WARM more, over one transport. */
async function child(mode: Mode, url: string): Promise<TransportSample> {
  await import('node:https');
  const send = mode === 'fetch' ? fetch : (await import('../functions/adapters/shared/https-transport')).httpFetch;
  const get = async () => (await send(url, { headers: { accept: 'application/json' } })).text();
  const [wall0, cpu0] = [performance.now(), cpu()];
  await get();
  const [firstWallMs, firstCpuUs] = [performance.now() - wall0, cpu() - cpu0];
  const cpu1 = cpu();
  for (let i = 0; i < WARM; i++) await get();
  return { firstWallMs, firstCpuUs, warmCpuUsPerRequest: (cpu() - cpu1) / WARM };
}

function runChild(mode: Mode, url: string): Promise<TransportSample> {
  const self = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, [...process.execArgv, self, 'child', mode, url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  return new Promise((resolve, reject) =>
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`)))),
  );
}

/** A calendarView page of `count` events as Graph sends them (random 152-character ids, UTC date-times). */
function graphPage(count: number) {
  const rnd = seededRandom(7);
  const id = () => Array.from({ length: 152 }, () => ID_CHARS[Math.floor(rnd() * ID_CHARS.length)]).join('');
  const at = (hour: number) => ({
    dateTime: `2026-12-0${1 + (hour % 7)}T${10 + (hour % 8)}:00:00.0000000`,
    timeZone: 'UTC',
  });
  const value = Array.from({ length: count }, (_, i) => ({
    '@odata.etag': `W/"${id().slice(0, 28)}"`,
    id: id(),
    subject: 'Busy',
    showAs: 'busy',
    isCancelled: false,
    start: at(i),
    end: at(i + 1),
    transactionId: null,
  }));
  return { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(...)/calendarView', value };
}
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs ROUNDS fresh processes per transport (interleaved) and prints the medians. */
export async function benchTransport(): Promise<Record<Mode, TransportSample>> {
  const json = JSON.stringify(graphPage(60));
  const body = gzipSync(json);
  console.log(`transport: a page of ${json.length} bytes of JSON, ${body.length} gzip'd`);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0/me/calendarView`;
  const samples: Record<Mode, TransportSample[]> = { fetch: [], httpFetch: [] };
  for (let round = 0; round < ROUNDS; round++) for (const mode of MODES) samples[mode].push(await runChild(mode, url));
  server.close();
  const result = {} as Record<Mode, TransportSample>;
  for (const mode of MODES) {
    const of = (key: keyof TransportSample) => median(samples[mode].map((s) => s[key]));
    result[mode] = {
      firstWallMs: of('firstWallMs'),
      firstCpuUs: of('firstCpuUs'),
      warmCpuUsPerRequest: of('warmCpuUsPerRequest'),
    };
    const { firstWallMs, firstCpuUs, warmCpuUsPerRequest } = result[mode];
    console.log(
      `transport ${mode}: first request in a fresh process ${firstWallMs.toFixed(1)} ms wall, ` +
        `${(firstCpuUs / 1000).toFixed(1)} ms CPU; warm ${warmCpuUsPerRequest.toFixed(0)} µs CPU/request ` +
        `(medians of ${ROUNDS} processes, ${WARM} warm requests each)`,
    );
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === 'child') {
    // Keep-alive sockets would hold the child up to 4 s: exit once the figures are written (a pipe writes async).
    const sample = await child(process.argv[3] as Mode, process.argv[4]!);
    process.stdout.write(JSON.stringify(sample), () => process.exit(0));
  } else await benchTransport();
}
