/**
 * Online meetings as Graph makes them: only with a provider the event's calendar allows (otherwise the request is
 * silently ignored), a join block derived from the event id (stable across dumps), and no way back once enabled.
 */
import { createHash } from 'node:crypto';
import type { GraphEventInput, GraphEventPatch } from '../calendar-schema';
import type { OfferedProvider } from '../file-schema';
import type { MailboxCalendar } from './mailbox-calendars';
import { GraphError } from './respond';

/** The providers a calendar offers when its file entry does not say (a work mailbox with Teams). */
export const DEFAULT_ONLINE_PROVIDERS: readonly OfferedProvider[] = ['teamsForBusiness'];

export type OnlineProvider = NonNullable<GraphEventInput['onlineMeetingProvider']>;

/** The provider Graph uses when a request asks for an online meeting without naming one. */
export function defaultProvider(calendar: MailboxCalendar): OnlineProvider {
  return calendar.onlineProviders[0] ?? 'unknown';
}

// The provider an enabling request gets, or undefined when the calendar does not offer it (Graph ignores it then).
function granted(calendar: MailboxCalendar, asked: OnlineProvider | undefined): OnlineProvider | undefined {
  const provider = asked ?? defaultProvider(calendar);
  return provider !== 'unknown' && calendar.onlineProviders.includes(provider) ? provider : undefined;
}

/** A POST body as Graph stores it: isOnlineMeeting kept only with a provider the calendar allows. */
export function onlineOnCreate(input: GraphEventInput, calendar: MailboxCalendar): GraphEventInput {
  if (input.isOnlineMeeting !== true) return input;
  const { isOnlineMeeting: _asked, onlineMeetingProvider, ...rest } = input;
  const provider = granted(calendar, onlineMeetingProvider);
  return provider ? { ...rest, isOnlineMeeting: true, onlineMeetingProvider: provider } : rest;
}

/**
 * A PATCH as Graph applies it to the online fields: an online meeting cannot be turned off or change provider
 * (400; the code is unconfirmed), and enabling follows the create rule.
 */
export function onlineOnPatch(
  event: GraphEventInput,
  patch: GraphEventPatch,
  calendar: MailboxCalendar,
): GraphEventPatch {
  if (event.isOnlineMeeting === true) {
    const current = event.onlineMeetingProvider ?? defaultProvider(calendar);
    const changed = patch.onlineMeetingProvider !== undefined && patch.onlineMeetingProvider !== current;
    if (patch.isOnlineMeeting === false || changed) {
      throw new GraphError(
        400,
        'ErrorInvalidRequest',
        'An online meeting cannot be disabled, nor its onlineMeetingProvider changed, once it is enabled.',
      );
    }
    return patch;
  }
  if (patch.isOnlineMeeting !== true) return patch;
  const { isOnlineMeeting: _asked, onlineMeetingProvider, ...rest } = patch;
  const provider = granted(calendar, onlineMeetingProvider);
  return provider ? { ...rest, isOnlineMeeting: true, onlineMeetingProvider: provider } : rest;
}

/** The onlineMeeting block of an online event; occurrences share their series' meeting. */
export function onlineMeetingJson(eventId: string, provider: OnlineProvider): Record<string, unknown> {
  const digest = createHash('sha256').update(eventId).digest();
  const thread = digest.subarray(0, 18).toString('base64url');
  const conferenceId = String(digest.readUInt32BE(18) % 1_000_000_000).padStart(9, '1');
  const joinUrl =
    provider === 'teamsForBusiness'
      ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0`
      : `https://join.skype.com/sandbox-${thread}`;
  return { joinUrl, conferenceId, tollNumber: '+1 425-555-0100' };
}
