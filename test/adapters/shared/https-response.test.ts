import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { decode, MAX_BODY_BYTES, MAX_CODINGS } from '../../../functions/adapters/shared/https-response';
import { httpFetch, UnreadableAnswerError } from '../../../functions/adapters/shared/https-transport';
import { localHttpServer } from './local-http-server';

type Server = Awaited<ReturnType<typeof localHttpServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const BODY = Buffer.from('{"value":[]}');
const failureOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as UnreadableAnswerError;
  }
  throw new Error('decoded');
};
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'decoded';
  } catch (error) {
    return error instanceof UnreadableAnswerError ? error.code : String(error);
  }
};

describe('Function: decode', () => {
  it(`undoes up to ${MAX_CODINGS} codings, last applied first, and passes identity through`, () => {
    // Prepare
    const twice = gzipSync(gzipSync(BODY));
    // Act
    const decoded = [decode(twice, 'gzip, gzip'), decode(BODY, 'identity'), decode(BODY, undefined)];
    // Assess
    expect(decoded.map((b) => b.toString())).toEqual([BODY.toString(), BODY.toString(), BODY.toString()]);
  });

  it('undoes mixed codings in reverse order of the header, and knows x-gzip and br', () => {
    // Prepare: deflate applied first, then gzip, as "deflate, gzip" says
    const layered = gzipSync(deflateSync(BODY));
    // Act
    const decoded = [
      decode(layered, 'deflate, gzip'),
      decode(gzipSync(BODY), 'x-gzip'),
      decode(brotliCompressSync(BODY), 'br'),
    ];
    // Assess
    expect(decoded.map((b) => b.toString())).toEqual([BODY.toString(), BODY.toString(), BODY.toString()]);
  });

  it('passes an empty body through whatever coding its header names (a 204 may carry one)', () => {
    // Act
    const decoded = decode(Buffer.alloc(0), 'gzip');
    // Assess
    expect(decoded.length).toBe(0);
  });

  it('refuses a longer chain before undoing any of it (each layer blocks the process)', () => {
    // Prepare: three real layers; and 3,000 named in a header (it fits in 16 KB) over one.
    const thrice = gzipSync(gzipSync(gzipSync(BODY)));
    const header = Array.from({ length: 3_000 }, () => 'gzip').join(', ');
    // Act
    const codes = [codeOf(() => decode(thrice, 'gzip, gzip, gzip')), codeOf(() => decode(gzipSync(BODY), header))];
    // Assess
    expect(codes).toEqual(['BAD_ENCODING', 'BAD_ENCODING']);
  });

  it.each([
    { name: 'a coding nobody asked for', body: BODY, encoding: 'zstd', code: 'BAD_ENCODING' },
    { name: 'corrupt gzip', body: Buffer.from('not gzip at all'), encoding: 'gzip', code: 'BAD_ENCODING' },
    { name: 'a bomb', body: gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1)), encoding: 'gzip', code: 'BODY_TOO_LARGE' },
  ])('answers $name with UnreadableAnswerError $code', ({ body, encoding, code }) => {
    // Act
    const result = codeOf(() => decode(body, encoding));
    // Assess
    expect(result).toBe(code);
  });

  it('says in its message why an answer is unreadable, and keeps zlib’s own error as the cause', () => {
    // Prepare
    const cases: [Buffer, string][] = [
      [gzipSync(gzipSync(gzipSync(BODY))), 'gzip, gzip, gzip'],
      [BODY, 'zstd'],
      [BODY, `x-${'a'.repeat(40)}`],
      [Buffer.from('not gzip at all'), 'gzip'],
      [gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1)), 'gzip'],
    ];
    // Act
    const failures = cases.map(([body, encoding]) => failureOf(() => decode(body, encoding)));
    // Assess
    expect(failures.map((e) => [e.name, e.code, e.message])).toEqual([
      ['UnreadableAnswerError', 'BAD_ENCODING', '3 content codings (at most 2)'],
      ['UnreadableAnswerError', 'BAD_ENCODING', 'content coding "zstd" not understood'],
      ['UnreadableAnswerError', 'BAD_ENCODING', `content coding "x-${'a'.repeat(18)}" not understood`],
      ['UnreadableAnswerError', 'BAD_ENCODING', 'the answer could not be decompressed'],
      ['UnreadableAnswerError', 'BODY_TOO_LARGE', `decompressed body over ${MAX_BODY_BYTES} bytes`],
    ]);
    expect(failures[3]?.cause).toMatchObject({ code: 'Z_DATA_ERROR' });
    expect(failures[4]?.cause).toMatchObject({ code: 'ERR_BUFFER_TOO_LARGE' });
  });
});

describe('Function: httpFetch (answers)', () => {
  it('rejects an uncompressed body over MAX_BODY_BYTES as BODY_TOO_LARGE', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => res.end(Buffer.alloc(MAX_BODY_BYTES + 1)));
    // Act
    const failure = await httpFetch(server.url).catch((error: unknown) => error);
    // Assess
    expect((failure as UnreadableAnswerError).code).toBe('BODY_TOO_LARGE');
    expect((failure as UnreadableAnswerError).message).toBe(`body over ${MAX_BODY_BYTES} bytes`);
  });

  it('reads a body of exactly MAX_BODY_BYTES', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => res.end(Buffer.alloc(MAX_BODY_BYTES, 'a')));
    // Act
    const response = await httpFetch(server.url);
    // Assess
    expect((await response.text()).length).toBe(MAX_BODY_BYTES);
  });

  it('drops a UTF-8 byte order mark from the text, as fetch does, so json() still parses', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => res.end('\uFEFF{"value":[]}'));
    // Act
    const response = await httpFetch(server.url);
    // Assess
    expect(await response.json()).toEqual({ value: [] });
    expect(await response.text()).toBe('{"value":[]}');
  });

  it('is ok for 200 to 299 only', async () => {
    // Prepare
    server = await localHttpServer((req, res) => {
      res.writeHead(Number(req.url.slice(1)));
      res.end();
    });
    // Act
    const responses = await Promise.all([200, 299, 300].map((status) => httpFetch(`${server!.url}/${status}`)));
    // Assess
    expect(responses.map((r) => [r.status, r.ok])).toEqual([
      [200, true],
      [299, true],
      [300, false],
    ]);
  });

  it('answers a 3xx as it is, following no link (a bearer token goes nowhere else)', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => {
      res.writeHead(302, { Location: 'http://127.0.0.1:1/elsewhere' });
      res.end();
    });
    // Act
    const response = await httpFetch(`${server.url}/v1.0/me`, { headers: { Authorization: 'Bearer t' } });
    // Assess
    expect([response.status, response.ok, response.headers.get('location')]).toEqual([
      302,
      false,
      'http://127.0.0.1:1/elsewhere',
    ]);
    expect(server.seen).toHaveLength(1);
  });

  it('looks up only the headers sent: a name on Object.prototype is absent, not a function', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => res.end('ok'));
    // Act
    const { headers } = await httpFetch(server.url);
    // Assess
    expect([headers.get('constructor'), headers.get('toString'), headers.get('__proto__')]).toEqual([null, null, null]);
  });
});
