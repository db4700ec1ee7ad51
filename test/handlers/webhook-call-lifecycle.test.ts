/** The webhook at a call's start (busy-time prefetch) and end (holds released): always 200 {}, logged either way. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { line, startWebhook } from './webhook-support';

const STARTED = { type: 'status-update', status: 'in-progress' };
const PREFETCH_FAILED = 'the call-start prefetch failed; get_availability reads the calendar';
const RELEASE_FAILED = 'releasing the holds of an ended call failed; they lapse on their own';
const REFUSED = expect.stringMatching(/ECONNREFUSED/);

describe('Handler: vapiWebhook call start and end', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('logs the end of a call without an id as 0 holds released, with its type, and answers 200 {}', async () => {
    // Prepare
    const send = await startWebhook();

    // Act
    const ended = await send({ type: 'status-update', status: 'ended' });

    // Assess
    expect(ended.res.statusCode).toBe(200);
    expect(JSON.parse(ended.res.body!)).toEqual({});
    expect(line(ended, 'call ended')).toMatchObject({ level: 'INFO', type: 'status-update', holdsReleased: 0 });
  });

  it('warns, with the call id and the cause, when the holds cannot be released, and still answers 200 {}', async () => {
    // Prepare
    const send = await startWebhook();

    // Act
    const ended = await send({ type: 'end-of-call-report', call: { id: 'call-end-1' } });

    // Assess
    expect(ended.res.statusCode).toBe(200);
    expect(JSON.parse(ended.res.body!)).toEqual({});
    expect(line(ended, RELEASE_FAILED)).toMatchObject({ level: 'WARN', callId: 'call-end-1', reason: REFUSED });
    expect(line(ended, 'call ended')).toBeUndefined();
  });

  it('logs what the call-start prefetch did (nothing to do without a call id) and answers 200 {}', async () => {
    // Prepare
    const send = await startWebhook();

    // Act
    const started = await send(STARTED);

    // Assess
    expect(started.res.statusCode).toBe(200);
    expect(JSON.parse(started.res.body!)).toEqual({});
    expect(line(started, 'call started')).toMatchObject({ level: 'INFO', type: 'status-update', prefetch: 'no-call' });
  });

  it('warns, with the call id and the cause, when the prefetch read fails, and still answers 200 {}', async () => {
    // Prepare
    const send = await startWebhook();

    // Act
    const started = await send({ ...STARTED, call: { id: 'call-start-1' } });

    // Assess: the read ran (its deadline still ahead) and was refused.
    expect(started.res.statusCode).toBe(200);
    expect(JSON.parse(started.res.body!)).toEqual({});
    expect(line(started, PREFETCH_FAILED)).toMatchObject({ level: 'WARN', callId: 'call-start-1', reason: REFUSED });
  });

  it('gives the prefetch no more time than the invocation has left: aborted at once when that is gone', async () => {
    // Prepare
    const send = await startWebhook();

    // Act: 1 s left of the Lambda, less than the 2 s it keeps back to answer.
    const started = await send({ ...STARTED, call: { id: 'call-start-2' } }, { remainingMs: 1_000 });

    // Assess
    expect(started.res.statusCode).toBe(200);
    expect(line(started, PREFETCH_FAILED)).toMatchObject({ error: 'AbortError', reason: 'Request aborted' });
  });

  it('reads nothing and logs nothing at a call start with BUSY_PREFETCH=off, and answers 200 {}', async () => {
    // Prepare
    const send = await startWebhook({ BUSY_PREFETCH: 'off' });

    // Act
    const started = await send(STARTED);

    // Assess
    expect(started.res.statusCode).toBe(200);
    expect(JSON.parse(started.res.body!)).toEqual({});
    expect(line(started, 'call started')).toBeUndefined();
  });
});
