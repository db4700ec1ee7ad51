import { beforeEach, describe, expect, it } from 'vitest';
import { versionsOf } from '../../../functions/domain/ports';
import { book, resultOf, TUE_2PM, TUE_3PM, world, type World } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
  // Several bookings of one number on one day: the daily cap is not what these tests are about.
  w.deps.maxBookingsPerCallerPerDay = 10;
});

const WED_10AM = '2026-11-25T10:00';
const THU_11AM = '2026-11-26T11:00';
const TUE_2PM_SPOKEN = 'a viewing on Tuesday, November 24 at 2:00 PM';
const TUE_3PM_SPOKEN = 'a viewing on Tuesday, November 24 at 3:00 PM';
const WED_10AM_SPOKEN = 'a viewing on Wednesday, November 25 at 10:00 AM';
const ids = (result: Record<string, any>) => result.appointments.map((a: { id: string }) => a.id);
/** The owner deletes the event in their calendar. */
const deleteEvent = (eventId: string) => {
  w.calendar.entries.splice(
    w.calendar.entries.findIndex((e) => e.id === eventId),
    1,
  );
};
const find = async (args: Record<string, unknown> = {}) => resultOf(await w.tool('find_appointment', args));

describe('Tool: find_appointment, narrowing by name and date', () => {
  it("narrows to the bookings under part of the name said, in any case, and leaves the others' out", async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });
    const sam = await book(w, TUE_3PM, { callId: 'call-b' }, { attendee_name: 'Sam Smith' });

    // Act
    const result = await find({ attendee_name: 'SAM' });

    // Assess
    expect(ids(result)).toEqual([sam.id]);
    expect(result.message).toBe(`I found one appointment: ${TUE_3PM_SPOKEN}.`);
  });

  it('finds a booking when the caller says more of the name than it was booked under', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });
    const sam = await book(w, TUE_3PM, { callId: 'call-b' }, { attendee_name: 'Sam Smith' });

    // Act
    const result = await find({ attendee_name: 'Sam Smith Junior' });

    // Assess
    expect(ids(result)).toEqual([sam.id]);
  });

  it('narrows to the bookings on the local date said', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });
    const wednesday = await book(w, WED_10AM, { callId: 'call-b' });

    // Act
    const result = await find({ date: '2026-11-25' });

    // Assess
    expect(ids(result)).toEqual([wednesday.id]);
    expect(result.message).toBe(`I found one appointment: ${WED_10AM_SPOKEN}.`);
  });

  it('offers to list them all when nothing matches the name and date said, without reading the calendar', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });
    w.calendar.failGet = new Error('no event should be read');

    // Act
    const byName = await find({ attendee_name: 'Alex' });
    const byDate = await find({ date: '2026-11-27' });

    // Assess
    const none = {
      message: "I couldn't find an appointment of yours matching that. Would you like me to list them all?",
      appointments: [],
    };
    expect(byName).toStrictEqual(none);
    expect(byDate).toStrictEqual(none);
  });
});

describe('Tool: find_appointment, what is told', () => {
  it('tells one appointment as one, with its details', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });

    // Act
    const result = await find();

    // Assess
    expect(result).toStrictEqual({
      message: `I found one appointment: ${TUE_2PM_SPOKEN}.`,
      appointments: [
        {
          id: a.id,
          start: a.start,
          end: a.end,
          spoken: 'Tuesday, November 24 at 2:00 PM',
          confirmation_code: a.confirmation_code,
        },
      ],
    });
  });

  it('tells at most three, soonest first, joined for the voice', async () => {
    // Prepare
    const made = [];
    for (const [i, start] of [TUE_2PM, TUE_3PM, WED_10AM, THU_11AM].entries()) {
      made.push(await book(w, start, { callId: `call-${i}` }));
    }

    // Act
    const result = await find();

    // Assess
    expect(ids(result)).toEqual(made.slice(0, 3).map((a) => a.id));
    expect(result.message).toBe(
      `I found 3 appointments: ${TUE_2PM_SPOKEN}; and ${TUE_3PM_SPOKEN}; and ${WED_10AM_SPOKEN}.`,
    );
  });

  it('orders by the time each is at now, after the owner moved one past another', async () => {
    // Prepare: the owner moves the 2 PM viewing (evt-1) to Thursday 11 AM.
    const first = await book(w, TUE_2PM, { callId: 'call-a' });
    const second = await book(w, TUE_3PM, { callId: 'call-b' });
    const event = w.calendar.entries.find((e) => e.id === 'evt-1')!;
    event.start = Date.parse('2026-11-26T16:00:00Z');
    event.end = Date.parse('2026-11-26T16:30:00Z');

    // Act
    const result = await find();

    // Assess
    expect(ids(result)).toEqual([second.id, first.id]);
    expect(result.message).toBe(
      `I found 2 appointments: ${TUE_3PM_SPOKEN}; and a viewing on Thursday, November 26 at 11:00 AM.`,
    );
  });

  it('leaves out a booking the owner deleted and says one was cancelled by the manager', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });
    const kept = await book(w, TUE_3PM, { callId: 'call-b' });
    deleteEvent('evt-1');

    // Act
    const result = await find();

    // Assess
    expect(ids(result)).toEqual([kept.id]);
    expect(result.message).toBe(
      `I found one appointment: ${TUE_3PM_SPOKEN}. One appointment was cancelled by the manager.`,
    );
  });

  it('says there is none left, and how many the manager cancelled, when the owner deleted them all', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });
    await book(w, TUE_3PM, { callId: 'call-b' });
    deleteEvent('evt-1');
    deleteEvent('evt-2');

    // Act
    const result = await find();

    // Assess
    expect(result).toStrictEqual({
      message: "I don't see an upcoming appointment. 2 were cancelled by the manager.",
      appointments: [],
    });
  });

  it('says there is none left when the owner deleted the only one', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });
    deleteEvent('evt-1');

    // Act
    const result = await find();

    // Assess
    expect(result).toStrictEqual({
      message: "I don't see an upcoming appointment. One appointment was cancelled by the manager.",
      appointments: [],
    });
  });
});

describe('Tool: find_appointment, failures', () => {
  beforeEach(async () => {
    // Prepare: the manager has neither a calendar nor hours.
    const record = (await w.deps.connections.get('mgr'))!;
    await w.deps.connections.save({ ...record, connections: [] }, versionsOf(record));
  });

  it('says the calendar is not set up, and warns the operator with the cause', async () => {
    // Act
    const outcome = await w.tool('find_appointment', {});

    // Assess
    expect(outcome).toStrictEqual({
      error:
        "The manager's calendar isn't set up yet, so I can't check or book times. " +
        "I can have the manager call you back to set up a time. Is the number you're calling from the best one?",
    });
    expect(w.warnings).toStrictEqual([
      {
        message: 'find_appointment failed',
        detail: {
          managerId: 'mgr',
          error: 'NotConnectedError',
          reason: 'No calendar connected or hours set for manager mgr',
        },
      },
    ]);
  });

  it('still answers when no log is configured', async () => {
    // Prepare
    w.deps.log = undefined;

    // Act
    const outcome = await w.tool('find_appointment', {});

    // Assess
    expect(outcome).toStrictEqual({ error: expect.stringContaining("calendar isn't set up yet") });
  });
});
