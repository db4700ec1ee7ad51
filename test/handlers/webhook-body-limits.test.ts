/** The webhook's body limits: 4 MB for anything, 256 KB for all but the end of a call; JSON before the protocol. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Sent, startWebhook } from './webhook-support';

/** The limits, pinned here: 4 MB for any body, 256 KB for all but the end of a call. */
const MAX_CALL_END_BYTES = 4 * 1024 * 1024;
const MAX_BODY_BYTES = 256 * 1024;

/** A JSON `{ message }` body of exactly `bytes` bytes (ASCII), padded in a field the webhook ignores. */
function bodyOf(message: Record<string, unknown>, bytes: number): string {
  const empty = JSON.stringify({ message: { ...message, pad: '' } });
  return JSON.stringify({ message: { ...message, pad: 'x'.repeat(bytes - empty.length) } });
}

const REPORT = { type: 'end-of-call-report' };
const TOOL_CALLS = { type: 'tool-calls', call: { id: 'call-big' }, toolCallList: [] };
const errorOf = (sent: Sent) => JSON.parse(sent.res.body!).error as string | undefined;

describe('Handler: vapiWebhook body limits', () => {
  let send: Awaited<ReturnType<typeof startWebhook>>;

  beforeAll(async () => {
    send = await startWebhook();
  });
  afterAll(() => vi.unstubAllEnvs());

  it('refuses a body of one byte over 4 MB with 413 before looking at its secret, and takes one of 4 MB', async () => {
    // Act
    const over = await send(bodyOf(REPORT, MAX_CALL_END_BYTES + 1), { secret: 'wrong' });
    const atCap = await send(bodyOf(REPORT, MAX_CALL_END_BYTES));

    // Assess
    expect(over.res.statusCode).toBe(413);
    expect(errorOf(over)).toBe('Request body exceeds 4 MB.');
    expect(atCap.res.statusCode).toBe(200);
    expect(JSON.parse(atCap.res.body!)).toEqual({});
  });

  it('takes the end of a call past 256 KB (its holds must go), and releases them', async () => {
    // Act
    const report = await send(bodyOf(REPORT, MAX_BODY_BYTES + 1));

    // Assess
    expect(report.res.statusCode).toBe(200);
    expect(report.logs).toContainEqual(expect.objectContaining({ message: 'call ended', holdsReleased: 0 }));
  });

  it('refuses tool calls one byte over 256 KB with 413 once authenticated, and answers them at 256 KB', async () => {
    // Prepare: a cold start inside this test, so the module-level 413 answer is built within it (and seen by Stryker).
    const fresh = await startWebhook();

    // Act
    const over = await fresh(bodyOf(TOOL_CALLS, MAX_BODY_BYTES + 1));
    const atCap = await send(bodyOf(TOOL_CALLS, MAX_BODY_BYTES));
    const wrongSecret = await send(bodyOf(TOOL_CALLS, MAX_BODY_BYTES + 1), { secret: 'wrong' });

    // Assess
    expect(over.res.statusCode).toBe(413);
    expect(errorOf(over)).toBe('Request body exceeds 256 KB.');
    expect(atCap.res.statusCode).toBe(200);
    expect(JSON.parse(atCap.res.body!)).toEqual({ results: [] });
    expect(wrongSecret.res.statusCode).toBe(401);
  });

  it('answers a body that is not JSON with 400 and says so', async () => {
    // Act
    const broken = await send('{"message":');

    // Assess
    expect(broken.res.statusCode).toBe(400);
    expect(errorOf(broken)).toBe('The request body is not valid JSON.');
  });
});
