import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DynamoTables, useDynamoTables } from '../support/dynamo';
import { adminEvent, seedBooking, seedManager, statusEnv, twoCalendarConnection } from './admin-support';
import { coldStart, type Invoke } from './invoke';

const json = (body: string | undefined) => JSON.parse(body ?? 'null');

describe('Handler: status, admin API (GET managers/{id}/bookings)', () => {
  let dynamo: DynamoTables;
  let status: Invoke;

  beforeAll(async () => {
    dynamo = await useDynamoTables();
    ({ status } = await coldStart(['status'], { ...statusEnv(dynamo), DEFAULT_TIME_ZONE: 'Asia/Tokyo' }));
    // pat's calendar says America/Los_Angeles: 1 to 7 December there is [08:00Z on the 1st, 08:00Z on the 8th).
    await seedManager(dynamo, 'pat', [twoCalendarConnection()]);
    await seedBooking(dynamo, 'pat', 'b-before', '2026-12-01T07:30:00.000Z');
    await seedBooking(dynamo, 'pat', 'b-last', '2026-12-08T07:30:00.000Z', { status: 'confirmed' });
    await seedBooking(dynamo, 'pat', 'b-first', '2026-12-01T08:00:00.000Z', { callerPhone: undefined });
    await seedBooking(dynamo, 'pat', 'b-after', '2026-12-08T08:00:00.000Z');
    // A call's hold is no booking: it is left out of the listing.
    await seedBooking(dynamo, 'pat', 'h-held', '2026-12-02T08:00:00.000Z', { status: 'held', callerName: '' });
    // Neither are the tombstones: a booking never made (released), and the record a move left (moved a week on, to
    // the 11th: listed there, once).
    await seedBooking(dynamo, 'pat', 'b-released', '2026-12-03T08:00:00.000Z', { status: 'released' });
    await seedBooking(dynamo, 'pat', 'b-moved', '2026-12-04T08:00:00.000Z', { status: 'moved' });
  });
  afterAll(() => vi.unstubAllEnvs());

  it("lists the bookings starting on those days in the manager's zone, both days included, by start", async () => {
    // Act
    const res = await status(adminEvent('list-bookings'));

    // Assess
    expect(res.statusCode).toBe(200);
    expect(json(res.body)).toEqual({
      timeZone: 'America/Los_Angeles',
      bookings: [
        {
          id: 'b-first',
          start: '2026-12-01T08:00:00.000Z',
          end: '2026-12-01T08:30:00.000Z',
          status: 'pending',
          callerName: 'Ada Caller',
          callerPhoneLast4: null,
          propertyAddress: '12 Elm St',
          confirmationCode: 'ABC123',
          history: [],
        },
        expect.objectContaining({ id: 'b-last', status: 'confirmed', callerPhoneLast4: '4321' }),
      ],
    });
    expect(res.body).not.toContain('555');
  });

  it("reads the days in the manager's own zone first, and in the deployment's when nothing names one", async () => {
    // Prepare
    await seedManager(dynamo, 'lon', [twoCalendarConnection()], { timeZone: 'Europe/London' });
    await seedBooking(dynamo, 'lon', 'b-lon', '2026-12-01T00:00:00.000Z');
    await seedBooking(dynamo, 'tok', 'b-tok', '2026-11-30T15:00:00.000Z');
    const day = { from: '2026-12-01', to: '2026-12-01' };

    // Act
    const london = json(
      (await status(adminEvent('list-bookings', { path: 'managers/lon/bookings', query: day }))).body,
    );
    const tokyo = json((await status(adminEvent('list-bookings', { path: 'managers/tok/bookings', query: day }))).body);

    // Assess
    expect(london).toMatchObject({ timeZone: 'Europe/London', bookings: [{ id: 'b-lon' }] });
    expect(tokyo).toMatchObject({ timeZone: 'Asia/Tokyo', bookings: [{ id: 'b-tok' }] });
  });

  it.each([
    [{ to: '2026-12-07' }, 'from: is required: a date YYYY-MM-DD'],
    [{ from: '2026-12-01' }, 'to: is required: a date YYYY-MM-DD'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from: must be a date YYYY-MM-DD'],
    [{ from: '2026-12-01', to: 'tomorrow' }, 'to: must be a date YYYY-MM-DD'],
    [{ from: '2026-12-07', to: '2026-12-01' }, 'to: must not be before from (both days are included)'],
    [{ from: '2026-01-01', to: '2026-04-03' }, 'to: a listing covers at most 92 days (both ends included)'],
    [{ from: '2026-12-01', to: '2026-12-07', limit: '5' }, 'limit: not accepted here'],
  ])('answers %j with 400 naming the field', async (query, message) => {
    // Act
    const res = await status(adminEvent('list-bookings', { query }));

    // Assess
    expect(res.statusCode).toBe(400);
    expect(json(res.body)).toEqual({ error: message });
  });

  it('takes a range of exactly 92 days', async () => {
    // Act
    const res = await status(adminEvent('list-bookings', { query: { from: '2026-10-01', to: '2026-12-31' } }));

    // Assess
    expect(res.statusCode).toBe(200);
    expect(json(res.body).bookings.map((b: { id: string }) => b.id)).toEqual([
      'b-before',
      'b-first',
      'b-last',
      'b-after',
      'b-moved',
    ]);
  });
});
