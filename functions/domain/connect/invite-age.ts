/**
 * The leaked-link rule: an invite issued before a manager's current connections were made cannot bring in another
 * account (add one, or switch to one). A forwarded or leaked old link could otherwise add its holder's account, give
 * it the bookings and disconnect the manager's own. The manager's page still works with such a link (roles,
 * disconnect, reconnecting the same account); another account needs a link issued since.
 */

/**
 * Whether an invite issued at `issuedAt` (epoch seconds, as invites carry it) predates any of `connections`. Compared
 * in whole seconds, so a link made in the same second as a connection is not older; an unknown time counts as older.
 */
export function inviteOlderThan(issuedAt: number | undefined, connections: readonly { connectedAt: string }[]) {
  return connections.some((c) => !((issuedAt ?? 0) >= Math.floor(Date.parse(c.connectedAt) / 1000)));
}
