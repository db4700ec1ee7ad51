/** What an operator or the manager sees of a manager: mode, settings and connections, never credential material. */
import type { CalendarRole, ConnectionStore, ManagerConnections, ManagerSettings, SettingsStore } from '../ports';

export interface ConnectionView {
  connectionId: string;
  provider: string;
  account: string;
  needsReconnect: boolean;
  connectedAt: string;
  /** `shared` only on a calendar shared with the account (it can only be ignored). */
  calendars: { id: string; name: string; role: CalendarRole; shared?: true }[];
}

export interface ManagerView {
  managerId: string;
  /** calendar: at least one connection; manual: none, but hours set; none: neither (the caller hears "not set up"). */
  mode: 'calendar' | 'manual' | 'none';
  settings: ManagerSettings;
  connections: ConnectionView[];
}

/** The view of a manager from their stored record and settings. */
export function viewOf(
  managerId: string,
  record: ManagerConnections | undefined,
  settings: ManagerSettings = {},
): ManagerView {
  const connections = (record?.connections ?? []).map((c) => ({
    connectionId: c.connectionId,
    provider: c.provider,
    account: c.account,
    needsReconnect: c.needsReconnect,
    connectedAt: c.connectedAt,
    calendars: c.calendars.map(({ id, name, role, shared }) => ({ id, name, role, ...(shared ? { shared } : {}) })),
  }));
  const mode = connections.length ? 'calendar' : settings.workingHours ? 'manual' : 'none';
  return { managerId, mode, settings, connections };
}

/** Reads a manager's view. */
export async function getManagerView(
  managerId: string,
  deps: { connections: ConnectionStore; settings: SettingsStore },
): Promise<ManagerView> {
  const [record, settings] = await Promise.all([deps.connections.get(managerId), deps.settings.get(managerId)]);
  return viewOf(managerId, record, settings);
}
