import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { traceInvocations, type InvocationTracer } from '../../bench/webhook/io-trace';
import { httpFetch } from '../../functions/adapters/shared/https-transport';

let server: Server;
let base: string;
let tracer: InvocationTracer;

/** A DynamoDB-like request: POST with the X-Amz-Target header the AWS SDK sends, over node:http. */
const dynamo = (operation: string) =>
  new Promise<void>((resolve, reject) => {
    const req = httpRequest(
      `${base}/dynamo`,
      { method: 'POST', headers: { 'x-amz-target': `DynamoDB_20120810.${operation}` } },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end('{}');
  });

const provider = async (path: string) => (await fetch(`${base}${path}`)).text();
/** The app's provider transport (node:http), as Graph, Google and the token endpoints are called now. */
const transport = async (path: string, headers?: Record<string, string>) =>
  (await httpFetch(`${base}${path}`, { headers })).text();

beforeEach(async () => {
  // Prepare: a server that is the webhook (its handler does I/O), DynamoDB and the provider at once
  server = createServer((req, res) => {
    if (req.url !== '/vapi/webhook') {
      setTimeout(() => res.end('{}'), 5);
      return;
    }
    void (async () => {
      await Promise.all([dynamo('GetItem'), dynamo('GetItem')]);
      await provider('/graph/v1.0/me/calendarView?x=1');
      await dynamo('TransactWriteItems');
      res.end('ok');
      void dynamo('UpdateItem');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tracer = traceInvocations();
});

afterEach(async () => {
  tracer.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('Function: traceInvocations', () => {
  it('gives each webhook invocation its own requests, the ones it left in the background included', async () => {
    // Act
    for (let i = 0; i < 2; i++) {
      await fetch(`${base}/vapi/webhook`, { method: 'POST', body: '{}' }).then((r) => r.text());
      await tracer.settled();
    }
    const traces = tracer.take();
    // Assess
    expect(traces).toHaveLength(2);
    for (const trace of traces) {
      expect(trace.requests.map((r) => [r.kind, r.op])).toEqual([
        ['dynamo', 'GetItem'],
        ['dynamo', 'GetItem'],
        ['provider', 'GET /graph/v1.0/me/calendarView'],
        ['dynamo', 'TransactWriteItems'],
        ['dynamo', 'UpdateItem'],
      ]);
      const [first, second, graph, write, background] = trace.requests;
      expect(second!.start).toBeLessThan(first!.end!);
      expect(graph!.start).toBeGreaterThanOrEqual(Math.max(first!.end!, second!.end!));
      expect(write!.end).toBeLessThanOrEqual(trace.end!);
      expect(background!.end).toBeGreaterThan(trace.end!);
    }
  });

  it('leaves out requests no webhook invocation made', async () => {
    // Act
    await dynamo('Scan');
    await provider('/graph/v1.0/me');
    await fetch(`${base}/other`, { method: 'POST', body: '{}' }).then((r) => r.text());
    // Assess
    expect(tracer.take()).toEqual([]);
  });

  it('tells token-endpoint requests from provider API requests', async () => {
    // Prepare: a webhook whose handler asks the token endpoint
    server.removeAllListeners('request');
    server.on('request', (req, res) => {
      if (req.url !== '/vapi/webhook') return void setTimeout(() => res.end('{}'), 1);
      void provider('/login/common/oauth2/v2.0/token').then(() => res.end('ok'));
    });
    // Act
    await fetch(`${base}/vapi/webhook`, { method: 'POST', body: '{}' }).then((r) => r.text());
    await tracer.settled();
    // Assess
    expect(tracer.take()[0]!.requests).toMatchObject([{ kind: 'token', op: 'GET /login/common/oauth2/v2.0/token' }]);
  });

  it('tells provider, token and other requests apart on node:http as well as on undici', async () => {
    // Prepare: a webhook whose handler calls both transports
    server.removeAllListeners('request');
    server.on('request', (req, res) => {
      if (req.url !== '/vapi/webhook') return void setTimeout(() => res.end('{}'), 1);
      void (async () => {
        await transport('/graph/v1.0/me/calendarView?startDateTime=x');
        await transport('/_sandbox/google/calendar/v3/calendars/primary/events');
        await transport('/login/t/oauth2/v2.0/token');
        await transport('/_sandbox/google/token');
        await transport('/', { 'x-amz-target': 'secretsmanager.GetSecretValue' });
        await transport('/', { 'x-amz-target': 'DynamoDB_20120810.Query' });
        await provider('/v1.0/me/events');
        res.end('ok');
      })();
    });
    // Act
    await fetch(`${base}/vapi/webhook`, { method: 'POST', body: '{}' }).then((r) => r.text());
    await tracer.settled();
    // Assess
    expect(tracer.take()[0]!.requests.map((r) => [r.kind, r.op])).toEqual([
      ['provider', 'GET /graph/v1.0/me/calendarView'],
      ['provider', 'GET /_sandbox/google/calendar/v3/calendars/primary/events'],
      ['token', 'GET /login/t/oauth2/v2.0/token'],
      ['token', 'GET /_sandbox/google/token'],
      ['http', 'GET /'],
      ['dynamo', 'Query'],
      ['provider', 'GET /v1.0/me/events'],
    ]);
  });
});
