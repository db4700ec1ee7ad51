import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { SDK_LOGGER_MIDDLEWARE, withoutSdkLogging } from '../../../functions/adapters/shared/sdk-client';

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
