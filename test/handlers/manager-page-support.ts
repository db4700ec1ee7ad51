/**
 * What the managerPage tests share: the form a page posts, its hidden fields, the providers' labels, and builders
 * for a connection and a manager's view. Types only from the page's side: each test file loads the page itself.
 */
import type { ConnectionView, ManagerView } from '../../functions/domain/manage/manager-view';

/** The URLs, invite and CSRF token a page's forms post with. */
export const form = {
  startUrl: 'https://x.example/start',
  manageUrl: 'https://x.example/manage',
  invite: 'inv',
  csrf: 'tok',
};

/** The hidden invite and CSRF fields of every form built from `form`. */
export const auth = '<input type="hidden" name="invite" value="inv"><input type="hidden" name="csrf" value="tok">';

/** Microsoft's label (its disconnect does not revoke). */
export const MICROSOFT = { id: 'microsoft', label: 'Microsoft 365' };

/** Google's label (its disconnect revokes for everyone). */
export const GOOGLE = { id: 'google', label: 'Google Calendar', revokes: true };

/** A connection of `provider` (account `<provider>@example.com`, one calendar taking bookings), with `changes`. */
export function connection(provider: string, changes: Partial<ConnectionView> = {}): ConnectionView {
  return {
    connectionId: `${provider}-1`,
    provider,
    account: `${provider}@example.com`,
    needsReconnect: false,
    connectedAt: '2026-11-30T10:00:00.000Z',
    calendars: [{ id: 'c1', name: 'Main', role: 'book' }],
    ...changes,
  };
}

/** The view of manager `mgr-1` (calendar mode, no settings) with `connections`. */
export const view = (...connections: ConnectionView[]): ManagerView => ({
  managerId: 'mgr-1',
  mode: 'calendar',
  settings: {},
  connections,
});
