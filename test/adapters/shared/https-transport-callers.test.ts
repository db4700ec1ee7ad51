import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { GraphClient } from '../../../functions/adapters/microsoft/graph-client';
import { MsalNetworkClient } from '../../../functions/adapters/microsoft/network-client';
import { fetchOnce, transportOf } from '../../../functions/adapters/shared/http-retry';
import { ProviderUnavailableError } from '../../../functions/domain/errors';
import { fakeTokens } from '../microsoft/helpers';
import { localHttpServer } from './local-http-server';

type Server = Awaited<ReturnType<typeof localHttpServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server whose every answer claims gzip but is not: an answer that came and cannot be read. */
const corruptGzip = () =>
  localHttpServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    res.end(gzipSync('{"value":[]}').subarray(0, 12));
  });

describe('The default transport under its callers', () => {
  it('fetchOnce reports a timeout as timedOut, a refused connection as not', async () => {
    // Prepare
    server = await localHttpServer(() => {});
    const transport = transportOf({ retry: { perAttemptTimeoutMs: 50, minAttemptMs: 1, marginMs: 0 } });
    const deadline = { at: Date.now() + 10_000 };
    const outcomes: string[] = [];
    // Act
    const stalled = await fetchOnce(transport, new URL(server.url), { method: 'GET' }, deadline, (e) =>
      outcomes.push(e.outcome),
    );
    const { url } = server;
    await server.close();
    server = undefined;
    const refused = await fetchOnce(transport, new URL(url), { method: 'GET' }, deadline, (e) =>
      outcomes.push(e.outcome),
    );
    // Assess
    expect([stalled, refused].map((o) => 'timedOut' in o && o.timedOut)).toEqual([true, false]);
    expect(outcomes).toEqual(['timeout', 'network-error']);
  });

  it('MsalNetworkClient answers a stalled token endpoint with msal’s "Request timeout"', async () => {
    // Prepare
    server = await localHttpServer(() => {});
    const outcomes: string[] = [];
    const client = new MsalNetworkClient({ timeoutMs: 50, onRequest: (e) => outcomes.push(e.outcome) });
    // Act
    const failure = await client.sendPostRequestAsync(`${server.url}/t/oauth2/v2.0/token`).catch((e: unknown) => e);
    // Assess
    expect((failure as Error).message).toContain('Request timeout');
    expect(outcomes).toEqual(['timeout']);
  });

  it('fetchOnce reports an undecodable answer as unreadable (final), not as a timeout', async () => {
    // Prepare
    server = await corruptGzip();
    const transport = transportOf({});
    // Act
    const outcome = await fetchOnce(
      transport,
      new URL(server.url),
      { method: 'GET' },
      { at: Date.now() + 5_000 },
      () => {},
    );
    // Assess
    expect(outcome).toMatchObject({ timedOut: false, unreadable: true });
  });

  it('GraphClient asks once for an answer it cannot read: a retry would fetch the same bytes', async () => {
    // Prepare
    server = await corruptGzip();
    const graph = new GraphClient({ baseUrl: `${server.url}/v1.0`, tokens: fakeTokens().tokens, random: () => 0 });
    // Act
    const failure = await graph.send({ method: 'GET', path: '/me' }, { at: Date.now() + 5_000 }).catch((e) => e);
    // Assess
    expect(failure).toBeInstanceOf(ProviderUnavailableError);
    expect((failure as Error).message).toContain('unreadable answer');
    expect(server.seen).toHaveLength(1);
  });
});
