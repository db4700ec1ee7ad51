/** A calendar whose create answers can be lost, a metrics recorder, and booking deps on the in-memory stores. */
import { ProviderUnavailableError } from '../../../functions/domain/errors';
import type { CountMetric, Metrics } from '../../../functions/domain/ports';
import type { NewCalendarEvent } from '../../../functions/domain/types';
import type { LifecycleDeps } from '../../../functions/domain/lifecycle/deps';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';

/** The error a create whose answer was lost ends in (the adapters' timeout or 5xx after sending). */
export const lostAnswer = () => new ProviderUnavailableError('create timed out', { outcomeUnknown: true });

/** FakeCalendar whose next creates are carried out but answered with lostAnswer(), and hidden from reads a while. */
export class LostAnswerCalendar extends FakeCalendar {
  /** How many of the next creates lose their answer. */
  loseAnswers = 0;
  /** Events a lookup does not see yet (a write the provider has not shown in its views). */
  hidden = new Set<string>();

  override async createEvent(calendarId: string, event: NewCalendarEvent) {
    const created = await super.createEvent(calendarId, event);
    if (this.loseAnswers <= 0) return created;
    this.loseAnswers--;
    this.hidden.add(created.id);
    throw lostAnswer();
  }

  override async listEntries(calendarId: string) {
    return (await super.listEntries(calendarId)).filter((e) => !e.id || !this.hidden.has(e.id));
  }

  /** Events still live in the default calendar. */
  live() {
    return this.entries.filter((e) => !e.isCancelled);
  }
}

/** Counts metrics by name and outcome. */
export class RecordedMetrics implements Metrics {
  counts: Array<{ name: CountMetric; dimensions?: Readonly<Record<string, string>> }> = [];
  count(name: CountMetric, dimensions?: Readonly<Record<string, string>>) {
    this.counts.push({ name, dimensions });
  }
  duration() {}
  /** How many BookingReconciled with this outcome. */
  reconciled(outcome: string) {
    return this.counts.filter((c) => c.name === 'BookingReconciled' && c.dimensions?.outcome === outcome).length;
  }
}

/** Deps of the booking and lifecycle functions at a clock the test moves (`at.now`). */
export async function honestDeps(at: { now: number }) {
  const calendar = new LostAnswerCalendar();
  const bookings = new MemoryBookingStore({ clock: () => at.now });
  const connections = new MemoryConnectionStore();
  await connections.save(managerRecord('mgr', [fakeConnection('conn-1')]), undefined);
  const metrics = new RecordedMetrics();
  const deps: LifecycleDeps & { metrics: RecordedMetrics } = {
    connections,
    settings: new MemorySettingsStore(),
    bookings,
    calendars: calendar,
    defaults: readBookingDefaults({}),
    clock: () => at.now,
    routing: { defaultManagerId: 'mgr', routes: {} },
    sleep: async () => undefined,
    metrics,
  };
  return { calendar, bookings, metrics, deps };
}
