/** An emulator on its own port (127.0.0.1), for poking by hand and for tests that want a real origin. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson } from './http';

/** Serves `handle` at the root of a new server; anything it does not serve gets `notFound` as a 404 JSON body. */
export async function listenStandalone(
  handle: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>,
  port: number,
  notFound: unknown,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void handle(req, res, req.url ?? '/').then((served) => {
      if (!served) sendJson(res, 404, notFound);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { baseUrl, close };
}
