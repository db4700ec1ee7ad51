import { describe, expect, it } from 'vitest';
import { callKeys, logEachToolCall, outcomeOf } from '../../functions/handlers/shared/tool-call-logs';
import { logger } from '../../functions/runtime/logger';
import { captureOutput } from '../integration/log-capture';

const result = (value: unknown) => ({ result: JSON.stringify(value) });
const routing = { defaultManagerId: 'm-default', routes: { 'phone-1': 'm-phone' } };

describe('Function: callKeys', () => {
  it("keeps the call's ids and, of the caller's number, only its last 4 digits", () => {
    // Act
    const keys = callKeys({ callId: 'call-1', phoneNumberId: 'phone-1', customerNumber: '+1 (555) 123-4567' }, routing);
    // Assess
    expect(keys).toEqual({ callId: 'call-1', managerId: 'm-phone', callerPhoneLast4: '4567' });
  });

  it('leaves the last 4 out when the caller has no number, or one without digits', () => {
    // Act
    const none = callKeys({ callId: 'call-2' }, routing);
    const noDigits = callKeys({ callId: 'call-3', customerNumber: 'anonymous' }, routing);
    // Assess
    expect(none).toEqual({ callId: 'call-2', managerId: 'm-default', callerPhoneLast4: undefined });
    expect(noDigits.callerPhoneLast4).toBeUndefined();
  });
});

describe('Function: outcomeOf', () => {
  it.each([
    ['a spoken error', { error: "The calendar isn't responding." }, 'error'],
    ['a booking', result({ message: 'Booked.', booked: true }), 'booked'],
    ['a slot taken by another call', result({ booked: false, reason: 'taken' }), 'not_booked:taken'],
    ['a refusal without a reason', result({ booked: false }), 'not_booked:unknown'],
    ['a "booked" that is no boolean', result({ booked: 'yes', message: 'Hm.' }), 'answered'],
    ['three offered slots', result({ message: 'I have…', slots: [{}, {}, {}] }), 'offered:3'],
    ['no slots offered', result({ slots: [] }), 'offered:0'],
    ['"slots" that are no list', result({ slots: 'two' }), 'answered'],
    ['a cancel', result({ message: 'Cancelled.', cancelled: true }), 'answered'],
    ['a result that is not JSON', { result: 'plain words' }, 'answered'],
  ] as const)('calls %s "%s"', (_what, answer, outcome) => {
    // Act + Assess
    expect(outcomeOf(answer)).toBe(outcome);
  });
});

describe('Function: logEachToolCall', () => {
  it('logs one line per call with its id, its (bounded) tool name and its outcome, without metrics', async () => {
    // Prepare
    const logs = captureOutput();
    logger.setLogLevel('INFO');
    const name = `set_appointment${'x'.repeat(100)}`;
    const around = logEachToolCall();
    // Act
    const answer = await around({ toolCallId: 'tc-1', name }, async () => result({ booked: true })).finally(logs.stop);
    // Assess
    const lines = logs.entries();
    expect(answer).toEqual(result({ booked: true }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      message: 'tool call answered',
      toolCallId: 'tc-1',
      tool: name.slice(0, 64),
      outcome: 'booked',
    });
  });
});
