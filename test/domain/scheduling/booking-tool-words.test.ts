import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Log } from '../../../functions/domain/ports';
import { honestDeps } from './honest-booking.harness';

type BookingTool = typeof import('../../../functions/domain/scheduling/booking-tool');
let bt: BookingTool;
let h: Awaited<ReturnType<typeof honestDeps>>;

const NOW = Date.parse('2026-11-23T14:00:00Z'); // Monday 09:00 in New York
const at = { now: NOW };
const args = { start_time: '2026-11-24T14:00', attendee_name: 'Jane Doe' };
const call = { toolCallId: 'tc-1', context: { callId: 'call-1', customerNumber: '+15551234567' } };

// set_appointment's words (its name, its "still finishing" sentence, its least time) are a module-level object, made
// once when the module loads. Loading the module afresh inside each test lets mutation testing see these tests use it.
beforeEach(async () => {
  vi.resetModules();
  bt = await import('../../../functions/domain/scheduling/booking-tool');
  at.now = NOW;
  h = await honestDeps(at);
});

describe('Function: setAppointment', () => {
  it('says in its own words that it is still finishing when the same tool call runs elsewhere', async () => {
    // Prepare: the twin holds the claim; every wait moves the clock on a second
    await h.bookings.claimToolCall('call-1/tc-1', NOW);
    h.deps.sleep = async () => {
      at.now += 1_000;
    };

    // Act
    const outcome = await bt.setAppointment(args, call, h.deps, { at: NOW + 5_000 });

    // Assess
    expect(outcome).toStrictEqual({
      error: "I'm still finishing that booking. Please give me a moment and ask me again.",
    });
  });

  it('does not start with less than four seconds left', async () => {
    // Act
    const outcome = await bt.setAppointment(args, call, h.deps, { at: NOW + 3_999 });

    // Assess
    expect(outcome).toStrictEqual({ error: 'I need a moment longer for that. Please ask me again.' });
    expect(h.calendar.created).toHaveLength(0);
  });

  it('names set_appointment in the log when the tool call cannot be claimed', async () => {
    // Prepare
    const log = { warn: vi.fn<Log['warn']>(), error: vi.fn<Log['error']>() };
    h.deps.log = log;
    vi.spyOn(h.bookings, 'claimToolCall').mockRejectedValue(new Error('throttled'));

    // Act
    const outcome = await bt.setAppointment(args, call, h.deps, { at: NOW + 10_000 });

    // Assess
    expect(outcome).toStrictEqual({ error: expect.stringContaining('call you back') });
    expect(log.warn).toHaveBeenCalledExactlyOnceWith('set_appointment could not claim the tool call', {
      error: 'Error',
      reason: 'throttled',
    });
  });
});
