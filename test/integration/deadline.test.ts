/** With DynamoDB hanging, both tools still answer in words inside the webhook's budget (security.md §7 item 12). */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamo/client';
import { DynamoBookingStore } from '../../functions/adapters/dynamo/booking-store';
import { DynamoConnectionStore } from '../../functions/adapters/dynamo/connection-store';
import { DynamoSettingsStore } from '../../functions/adapters/dynamo/settings-store';
import { withDeadline } from '../../functions/adapters/shared/deadline-scope';
import { getAvailability } from '../../functions/domain/scheduling/availability-tool';
import { setAppointment } from '../../functions/domain/scheduling/booking-tool';
import { readBookingDefaults } from '../../functions/runtime/config';
import { FakeCalendar } from '../fakes/calendar';

let server: Server;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  server.close();
});

describe('Deadline: a hanging DynamoDB', () => {
  it.each([
    ['get_availability', 2_000],
    ['set_appointment', 5_000], // a booking is only started with at least 4 s left
  ])('still lets %s answer with a call-back offer before its %i ms budget runs out', async (tool, budgetMs) => {
    // Prepare
    const doc = createDocumentClient({
      endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      region: 'local',
    });
    const deps = {
      connections: new DynamoConnectionStore(doc, 'connections'),
      settings: new DynamoSettingsStore(doc, 'settings'),
      bookings: new DynamoBookingStore(doc, 'bookings'),
      calendars: new FakeCalendar(),
      defaults: readBookingDefaults({}),
      clock: Date.now,
      routing: { defaultManagerId: 'mgr', routes: {} },
    };
    const started = Date.now();
    const deadline = { at: started + budgetMs };
    const call = { toolCallId: 'tc-1', context: { callId: 'call-1' } };

    // Act
    const outcome = await withDeadline(deadline, () =>
      tool === 'get_availability'
        ? getAvailability({}, call, deps, deadline)
        : setAppointment({ start_time: '2030-01-07T10:00', attendee_name: 'A' }, call, deps, deadline),
    );

    // Assess
    expect(outcome).toEqual({ error: expect.stringMatching(/call you back/) });
    expect(Date.now() - started).toBeLessThan(budgetMs + 500);
    doc.destroy();
  });
});
