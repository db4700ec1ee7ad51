import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import {
  SDK_LOGGER_MIDDLEWARE,
  withFastConfig,
  withoutSdkLogging,
} from '../../../functions/adapters/shared/sdk-client';

/** A client whose requests never leave the process: the handler answers an empty GetItem. */
function offlineClient(log: () => void) {
  return new DynamoDBClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    // The middleware logs at info after a response, at error after a failure: either is a call it made.
    logger: { debug: () => undefined, warn: () => undefined, info: log, error: log },
    requestHandler: {
      handle: async () => ({
        response: Object.assign(new Response('{}'), { statusCode: 200, headers: {}, body: Buffer.from('{}') }),
      }),
    } as never,
  });
}

describe('Function: withoutSdkLogging', () => {
  it('takes the logger middleware out: no response is copied and masked for a log line', async () => {
    // Prepare
    const plainInfo = vi.fn();
    const quietInfo = vi.fn();
    const plain = offlineClient(plainInfo);
    const quiet = withoutSdkLogging(offlineClient(quietInfo));
    const get = () => new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } });

    // Act
    await plain.send(get()).catch(() => undefined);
    await quiet.send(get()).catch(() => undefined);

    // Assess
    expect(plain.middlewareStack.identify().some((m) => m.startsWith(SDK_LOGGER_MIDDLEWARE))).toBe(true);
    expect(quiet.middlewareStack.identify().some((m) => m.startsWith(SDK_LOGGER_MIDDLEWARE))).toBe(false);
    expect(plainInfo).toHaveBeenCalled();
    expect(quietInfo).not.toHaveBeenCalled();
  });
});

describe('Function: withFastConfig', () => {
  it('leaves the config the same object with the same properties, and requests still answer', async () => {
    // Prepare
    const client = new DynamoDBClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      requestHandler: {
        handle: async () => ({ response: { statusCode: 200, headers: {}, body: Buffer.from('{}') } }),
      } as never,
    });
    const config = client.config;
    const before = Object.entries(config);
    // Act
    const same = withFastConfig(client);
    const answer = await same.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } }));
    // Assess
    expect(same).toBe(client);
    expect(same.config).toBe(config);
    expect(Object.entries(config).slice(0, before.length)).toEqual(before);
    expect(answer.$metadata.httpStatusCode).toBe(200);
  });

  it("puts the config in V8's fast-properties mode, where the SDK's per-request spreads of it are cheap", () => {
    // Prepare: V8 tells an object's mode only to a node started with --allow-natives-syntax
    const probe = fileURLToPath(new URL('./fast-config-probe.ts', import.meta.url));
    // Act
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', probe], {
      encoding: 'utf8',
    });
    // Assess: as the SDK builds it the config is a dictionary-mode object; withFastConfig's stays fast under use
    expect(JSON.parse(out)).toEqual({ sdk: false, fastAtOnce: true, fast: true, wired: true });
  }, 20_000);
});
