import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../local/app';
import { createLocalServer } from '../../local/server';

const servers: Server[] = [];

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A GET /health with an explicit Host header (fetch may not set one). */
function getWithHost(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('Function: createLocalServer (Host header)', () => {
  it.each(['localhost', 'localhost:3000', '127.0.0.1:8080', 'LOCALHOST', 'tunnel.example.com'])(
    'answers for %s',
    async (host) => {
      // Prepare
      const port = await listen(
        createLocalServer({ routes: [], isReady: () => true, allowedHosts: ['tunnel.example.com'] }),
      );
      // Act
      const res = await getWithHost(port, host);
      // Assess
      expect(res.status).toBe(200);
    },
  );

  it.each(['evil.example', 'localhost.evil.example', '192.168.1.5:3000'])(
    'refuses %s (a DNS-rebinding page could otherwise read the sandbox)',
    async (host) => {
      // Prepare
      const port = await listen(createLocalServer({ routes: [], isReady: () => true }));
      // Act
      const res = await getWithHost(port, host);
      // Assess
      expect(res.status).toBe(421);
      expect(JSON.parse(res.body).error).toMatch(/only answers for localhost or 127\.0\.0\.1/);
    },
  );
});

describe('Function: startLocalApp (port in use)', () => {
  it('says which port is taken and how to pick another', async () => {
    // Prepare
    const port = await listen(createServer());
    // Act
    const started = startLocalApp({ port, dynamoEndpoint: 'http://127.0.0.1:1' });
    // Assess
    await expect(started).rejects.toThrow(
      `Port ${port} is already in use. Stop whatever is using it, or pick another: PORT=${port + 1} npm start`,
    );
  });
});
