/** Teams meetings on new events: whether a calendar offers them, and what to say when the link does not come back. */
import type { Deadline, Log } from '../../domain/ports';
import type { GraphClient } from './graph-client';
import { type GraphEvent, joinUrlOf, TEAMS } from './graph-mapping';
import { calendarPath } from './graph-paths';

interface OnlineProviders {
  allowedOnlineMeetingProviders?: string[] | null;
}

/** Whether the calendar's allowedOnlineMeetingProviders include Teams (one GET of the calendar). */
export async function calendarAllowsTeams(
  graph: GraphClient,
  calendarId: string,
  deadline: Deadline,
): Promise<boolean> {
  const query = { $select: 'allowedOnlineMeetingProviders' };
  const calendar = await graph.send<OnlineProviders>(
    { method: 'GET', path: calendarPath(calendarId), query },
    deadline,
  );
  return calendar?.allowedOnlineMeetingProviders?.some((p) => p.toLowerCase() === TEAMS.toLowerCase()) ?? false;
}

/**
 * Warns when Graph made an event asked to be a Teams meeting without a join link, or with another provider's
 * (tenant coexistence and licensing settings do that). The event stands either way, with whatever link it has.
 */
export function checkTeamsAnswer(created: GraphEvent, log: Pick<Log, 'warn'> | undefined): void {
  const provider = created.onlineMeetingProvider ?? undefined;
  const joinUrl = joinUrlOf(created);
  if (joinUrl && (!provider || provider.toLowerCase() === TEAMS.toLowerCase())) return;
  const message = joinUrl
    ? 'Microsoft Graph made another online meeting than Teams'
    : 'Microsoft Graph made no Teams link';
  log?.warn(message, { eventId: created.id, isOnlineMeeting: created.isOnlineMeeting ?? undefined, provider });
}
