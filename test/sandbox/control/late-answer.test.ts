import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { carryOut, holdAnswer, pause } from '../../../local/sandbox/shared/late-answer';

const response = () => new ServerResponse(new IncomingMessage(new Socket()));

afterEach(() => {
  vi.useRealTimers();
});

describe('Function: holdAnswer', () => {
  it('keeps a written answer back until released, then sends it as written', () => {
    // Prepare
    const res = response();
    const end = vi.spyOn(res, 'end');
    const release = holdAnswer(res);

    // Act
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end('{"id":"e1"}');
    const endedBeforeRelease = end.mock.calls.length;
    release();

    // Assess
    expect(endedBeforeRelease).toBe(0);
    expect(res.statusCode).toBe(201);
    expect(end).toHaveBeenCalledExactlyOnceWith('{"id":"e1"}');
  });

  it('sends nothing to a client that already gave up', () => {
    // Prepare
    const res = response();
    const end = vi.spyOn(res, 'end');
    const release = holdAnswer(res);
    res.end('late');

    // Act
    res.destroy();
    release();

    // Assess
    expect(end).not.toHaveBeenCalled();
  });
});

describe('Function: carryOut', () => {
  it("runs the request into another response, rendering the handler's own errors there", async () => {
    // Prepare
    const req = new IncomingMessage(new Socket());
    const known = new Error('conflict');

    // Act
    const ok = await carryOut(
      req,
      (res) => void res.writeHead(201).end(),
      () => false,
    );
    const refused = await carryOut(
      req,
      () => {
        throw known;
      },
      (res, error) => error === known && !!res.writeHead(409),
    );
    const unknown = carryOut(
      req,
      () => Promise.reject(new Error('bug')),
      () => false,
    );

    // Assess
    expect(ok).toBe(201);
    expect(refused).toBe(409);
    await expect(unknown).rejects.toThrow('bug');
  });
});

describe('Function: pause', () => {
  it('waits the given time on the clock, and not at all for 0', async () => {
    // Prepare
    vi.useFakeTimers();
    let done = false;

    // Act
    const waiting = pause(6_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(5_999);
    const early = done;
    await vi.advanceTimersByTimeAsync(1);
    await waiting;

    // Assess
    expect(early).toBe(false);
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await pause(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
