/** The keeper's use-case harness: DynamoDB Local stores and due-list, a scriptable calendar, a log and metrics. */
import { DynamoBookingStore } from '../../../functions/adapters/dynamo/booking-store';
import { DynamoConnectionStore } from '../../../functions/adapters/dynamo/connection-store';
import { DynamoKeeperDueList } from '../../../functions/adapters/dynamo/keeper-due-list';
import { DynamoSettingsStore } from '../../../functions/adapters/dynamo/settings-store';
import type { KeeperDeps } from '../../../functions/domain/keeper/keeper-deps';
import type { CountMetric, Metrics } from '../../../functions/domain/ports';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { connection } from '../../contracts/connection-store-fixtures';
import { FakeCalendar } from '../../fakes/calendar';
import { useDynamoTables } from '../../support/dynamo';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  extra?: Record<string, unknown>;
}

/** A keeper over fresh tables: 14 idle days, 12-hour schedules, every log line and count kept. */
export async function keeperHarness() {
  const { doc, tables } = await useDynamoTables();
  const lines: LogLine[] = [];
  const counts: Array<{ name: CountMetric; dimensions?: Readonly<Record<string, string>> }> = [];
  const metrics: Metrics = { count: (name, dimensions) => counts.push({ name, dimensions }), duration: () => {} };
  const line = (level: LogLine['level']) => (message: string, extra?: Record<string, unknown>) =>
    lines.push({ level, message, extra });
  const calendar = new FakeCalendar();
  const connections = new DynamoConnectionStore(doc, tables.connections);
  const deps: KeeperDeps = {
    connections,
    keeper: new DynamoKeeperDueList(doc, tables.connections),
    settings: new DynamoSettingsStore(doc, tables.settings),
    bookings: new DynamoBookingStore(doc, tables.bookings),
    calendars: calendar,
    defaults: readBookingDefaults({}),
    clock: Date.now,
    log: { info: line('info'), warn: line('warn'), error: line('error') },
    metrics,
    idleMs: 14 * DAY,
    scheduleRefreshMs: 12 * HOUR,
  };
  /** Connects `managerId` now (Date.now), with one account whose times are given relative to now. */
  const connectManager = async (managerId: string, ages: { connected?: number; scheduleRead?: number } = {}) => {
    const now = Date.now();
    const iso = (ago: number) => new Date(now - ago).toISOString();
    const c = connection(managerId, {
      connectedAt: iso(ages.connected ?? 0),
      scheduleCheckedAt: iso(ages.scheduleRead ?? 0),
    });
    await connections.save({ managerId, connections: [c], revision: 0 }, undefined);
    return c;
  };
  const managerLines = (managerId: string) => lines.filter((l) => l.extra?.managerId === managerId);
  return { deps, doc, tables, calendar, lines, counts, connectManager, managerLines };
}
