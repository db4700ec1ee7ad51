/**
 * events.insert made idempotent: the event id is derived from the booking key, so a repeat is a 409 on the same id.
 * A 409 whose event is live is our earlier attempt (adopted); one whose event is known deleted (cancelled, or 410)
 * moves on to the next revision of the id (deleted ids stay reserved), the same chain on every replay. A 409 whose
 * event cannot be read (404: not replicated yet) is neither: making the next revision could give two events.
 */
import { NotFoundError, ProviderError, ProviderUnavailableError } from '../../domain/errors';
import type { Deadline, Log } from '../../domain/ports';
import type { CreatedEvent, NewCalendarEvent } from '../../domain/types';
import type { CalendarClient } from './calendar-client';
import { CalendarApiError } from './calendar-errors';
import { eventIdFor, toEventBody } from './event-body';
import { BOOKING_KEY, type GoogleEvent, joinUrlOf } from './event-mapping';
import { eventPath, eventsPath } from './paths';

// A booking whose event was deleted this many times over is not worth another id.
export const MAX_REVISIONS = 5;
/** Waits between reads of a just-taken id that may still answer 404 (writes replicate; Google advises a retry). */
const TAKEN_READ_WAITS_MS = [200, 400, 800];

/** Creates the booking's event, or finds the one an earlier attempt with the same booking key made. */
export async function createBookingEvent(
  client: CalendarClient,
  calendarId: string,
  event: NewCalendarEvent,
  deadline: Deadline,
  log?: Pick<Log, 'warn'>,
): Promise<CreatedEvent> {
  for (let revision = 0; revision < MAX_REVISIONS; revision++) {
    const id = eventIdFor(event.bookingKey, revision);
    const created = await insert(client, calendarId, event, id, deadline, log);
    if (created)
      return withJoinUrl(created.id ?? id, await settledMeet(client, calendarId, created.id ?? id, created, deadline));
    const existing = await takenBy(client, calendarId, id, deadline);
    if (existing === 'deleted') continue;
    if (existing.extendedProperties?.private?.[BOOKING_KEY] !== event.bookingKey) {
      throw new ProviderError('Google Calendar holds another event under the derived id', 409, 'duplicate');
    }
    return withJoinUrl(id, existing);
  }
  throw new ProviderError(`Google Calendar: all ${MAX_REVISIONS} ids of this booking are taken`, 409, 'duplicate');
}

/**
 * One insert; undefined when the id is taken. A calendar that refuses Meet (400 "Invalid conference type value.",
 * common where the account's allowed conference types lack hangoutsMeet) gets the event without one: the port makes
 * the event either way.
 */
async function insert(
  client: CalendarClient,
  calendarId: string,
  event: NewCalendarEvent,
  id: string,
  deadline: Deadline,
  log?: Pick<Log, 'warn'>,
): Promise<GoogleEvent | undefined> {
  const send = (meet: boolean) =>
    client.send<GoogleEvent>(
      {
        method: 'POST',
        path: eventsPath(calendarId),
        query: {
          // Google emails only with "all"; without an attendee there is nobody to tell.
          sendUpdates: event.attendee?.email ? 'all' : 'none',
          // Version 0 ignores conferenceData without a word: the link would silently be missing.
          conferenceDataVersion: meet ? '1' : undefined,
        },
        body: toEventBody(event, id, meet),
        // The id makes a repeat harmless: a retried POST whose first attempt landed gets a 409, handled here.
        idempotent: true,
        answers: meet ? [400, 409] : [409],
      },
      deadline,
    );
  const meet = event.online === true;
  try {
    return (await send(meet)) ?? { id };
  } catch (error) {
    if (isTaken(error)) return undefined;
    if (!meet || !refusesConference(error)) throw error;
  }
  log?.warn('Google Calendar refused a Meet link; the event is made without one', { eventId: id });
  try {
    return (await send(false)) ?? { id };
  } catch (error) {
    if (isTaken(error)) return undefined;
    throw error;
  }
}

/**
 * What holds a taken id: the event, or 'deleted' when Google says so (status cancelled, or 410). A 404 is read again
 * a few times; still missing, the outcome is unknown, so the call fails as unavailable (the caller's booking lookup by
 * key, or the caller's retry, settles it) rather than guessing.
 */
async function takenBy(
  client: CalendarClient,
  calendarId: string,
  id: string,
  deadline: Deadline,
): Promise<GoogleEvent | 'deleted'> {
  for (let read = 0; ; read++) {
    try {
      const found = await client.send<GoogleEvent>({ method: 'GET', path: eventPath(calendarId, id) }, deadline);
      // An empty answer says nothing about the event: moving on to the next id could make a second one.
      if (!found) throw takenUnknown(new Error('Google Calendar answered the read of a taken id with no event'));
      return found.status === 'cancelled' ? 'deleted' : found;
    } catch (error) {
      if (error instanceof ProviderUnavailableError && !error.outcomeUnknown) throw takenUnknown(error);
      if (!(error instanceof NotFoundError)) throw error;
      if ((error.cause as { status?: number } | undefined)?.status === 410) return 'deleted';
      const waitMs = TAKEN_READ_WAITS_MS[read];
      if (waitMs === undefined || client.now() + waitMs >= deadline.at) throw takenUnknown(error);
      await client.pause(waitMs);
    }
  }
}

/**
 * A taken id whose event could not be read because Google is unavailable or not ready (404 still, an empty answer, the
 * client's own deadline, a 5xx): the id is very likely this booking's own earlier attempt, so the event may exist and
 * the caller must not release the slot. A refusal (403, a revoked grant) keeps its own class: it needs the manager.
 */
function takenUnknown(cause: unknown): ProviderUnavailableError {
  return new ProviderUnavailableError('Google Calendar: the event under a taken id cannot be read yet', {
    cause,
    outcomeUnknown: true,
  });
}

/**
 * The event once its Meet is made: Google may answer the insert with the conference still "pending" and no link yet,
 * so one read picks the link up. A failed read keeps the event as it is (booked; the invitation carries the link).
 */
async function settledMeet(
  client: CalendarClient,
  calendarId: string,
  id: string,
  event: GoogleEvent,
  deadline: Deadline,
): Promise<GoogleEvent> {
  if (joinUrlOf(event) || event.conferenceData?.createRequest?.status?.statusCode !== 'pending') return event;
  try {
    // Briefly: the booking is made; the link is a nicety not worth the caller's remaining budget.
    const soon = { at: Math.min(deadline.at, client.now() + 2_000) };
    return (await client.send<GoogleEvent>({ method: 'GET', path: eventPath(calendarId, id) }, soon)) ?? event;
  } catch {
    return event;
  }
}

function isTaken(error: unknown): boolean {
  return error instanceof CalendarApiError && error.status === 409;
}

function refusesConference(error: unknown): boolean {
  return error instanceof CalendarApiError && error.status === 400 && /conference/i.test(error.providerMessage);
}

function withJoinUrl(id: string, event: GoogleEvent): CreatedEvent {
  const joinUrl = joinUrlOf(event);
  return joinUrl ? { id, joinUrl } : { id };
}
