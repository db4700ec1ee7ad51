/** The Calendar v3 event resource as clients write it (events.insert bodies, calendar files). */

/** start / end: `date` for an all-day event, else `dateTime` (offset optional when `timeZone` is given). */
export interface EventDateTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export interface EventAttendee {
  email: string;
  displayName?: string;
  responseStatus?: 'needsAction' | 'declined' | 'tentative' | 'accepted';
  optional?: boolean;
  comment?: string;
  additionalGuests?: number;
  [key: string]: unknown;
}

export interface ConferenceData {
  createRequest?: {
    requestId?: string;
    conferenceSolutionKey?: { type?: string };
    status?: { statusCode?: string };
  };
  entryPoints?: Array<{ entryPointType?: string; uri?: string; label?: string; [key: string]: unknown }>;
  conferenceSolution?: Record<string, unknown>;
  conferenceId?: string;
  [key: string]: unknown;
}

/** An event as written: the fields the emulator reads are typed; any other field is kept and echoed. */
export interface EventResource {
  id?: string;
  summary?: string;
  description?: string;
  location?: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  transparency?: 'opaque' | 'transparent';
  visibility?: string;
  eventType?: string;
  start: EventDateTime;
  end: EventDateTime;
  recurrence?: string[];
  attendees?: EventAttendee[];
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  conferenceData?: ConferenceData;
  /** Files only (an invitation from someone else); events.insert ignores it, as Google does. */
  organizer?: { email: string; displayName?: string };
  /** Files and dumps only: an exception of a series (its master's id and the instance's original start). */
  recurringEventId?: string;
  originalStartTime?: EventDateTime;
  [key: string]: unknown;
}
