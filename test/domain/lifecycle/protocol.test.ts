import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { releaseCallHolds } from '../../../functions/domain/lifecycle/call-ended';
import { TOOL_NAMES, TOOL_TABLE, type ToolEntry } from '../../../functions/domain/tools/table';
import { answerToolCalls, type ToolHandlers } from '../../../functions/domain/vapi/dispatch';
import { parseVapiMessage } from '../../../functions/domain/vapi/message';
import { world, type World } from './harness';

const fixture = (name: string, id = '') =>
  JSON.parse(readFileSync(new URL(`../../events/vapi/${name}.json`, import.meta.url), 'utf8').replaceAll('$ID', id));

let w: World;
let handlers: ToolHandlers;
beforeEach(async () => {
  w = await world();
  const bind = (tool: ToolEntry<unknown>) => (args: unknown, call: Parameters<ToolEntry<unknown>['run']>[1]) =>
    tool.run(args, call, w.deps, { at: w.clock.now + 10_000 });
  handlers = Object.fromEntries(TOOL_NAMES.map((n) => [n, bind(TOOL_TABLE[n] as ToolEntry<unknown>)]));
});

/** Answers a tool-calls fixture the way the webhook does; each result decoded. */
async function answer(name: string, id = '') {
  const message = parseVapiMessage(fixture(name, id));
  if (message.kind !== 'tool-calls') throw new Error(`expected tool-calls, got ${message.kind}`);
  const { results } = await answerToolCalls(message.calls, message.context, handlers);
  return results.map((r) => ({ ...r, decoded: r.result === undefined ? undefined : JSON.parse(r.result) }));
}

describe('Protocol: the lifecycle tools over a VAPI tool-calls message', () => {
  it('holds, books, finds, then moves and cancels: single-line JSON, every result with a message', async () => {
    // Act: one message holds, books and finds; the next (with the id the model read) moves and cancels.
    const booked = await answer('tool-calls-lifecycle-book');
    const id = booked[2]!.decoded.appointments[0].id as string;
    const changed = await answer('tool-calls-lifecycle-change', id);

    // Assess
    const results = [...booked, ...changed];
    expect(results.map((r) => r.toolCallId)).toEqual(['tc-hold', 'tc-book', 'tc-find', 'tc-move', 'tc-cancel']);
    for (const r of results) {
      expect(r.error).toBeUndefined();
      expect(r.result).not.toMatch(/\n/);
      expect(typeof r.decoded.message).toBe('string');
    }
    expect(results.map((r) => r.decoded)).toMatchObject([
      { held: true, hold: { start: '2026-11-24T14:00:00-05:00' } },
      { booked: true, appointment: { id } },
      { appointments: [{ id, property_address: '12 Elm St' }] },
      { rescheduled: true, appointment: { id, start: '2026-11-24T15:00:00-05:00' } },
      { cancelled: true },
    ]);
    expect(w.calendar.created).toHaveLength(1);
    expect(w.calendar.cancelled).toEqual([expect.objectContaining({ eventId: 'evt-1' })]);
  });

  it('answers bad lifecycle arguments with a speakable error each, running nothing', async () => {
    // Act
    const results = await answer('tool-calls-lifecycle-bad');

    // Assess
    expect(results.map((r) => r.error)).toEqual([
      expect.stringContaining('appointment_id from find_appointment, or the confirmation code'),
      expect.stringContaining('appointment_id from find_appointment, or the confirmation code'),
      expect.stringContaining('confirmation code is the 6 letters and digits'),
      expect.stringContaining('start time'),
    ]);
    expect(w.bookings.bookings.size).toBe(0);
  });

  it('releases the holds of the call named by an end-of-call-report', async () => {
    // Prepare
    await w.tool('hold_slot', { start_time: '2026-11-24T14:00' }, { callId: 'call-lifecycle' });
    const message = parseVapiMessage(fixture('end-of-call-report-lifecycle'));
    if (message.kind !== 'call-ended') throw new Error(`expected call-ended, got ${message.kind}`);

    // Act
    const released = await releaseCallHolds(message.context, w.deps, { at: w.clock.now + 5_000 });

    // Assess
    expect(released).toBe(1);
    expect([...w.bookings.bookings.values()].map((b) => b.status)).toEqual(['released']);
  });
});
