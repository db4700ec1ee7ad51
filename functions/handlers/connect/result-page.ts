/** The result page of a callback: "Calendar connected" with the account's calendars, or why it did not connect. */
import { escapeHtml } from '../../domain/html';
import type { CalendarConnection } from '../../domain/ports';
import { layout, page, paragraphs } from '../shared/pages';
import { ROLE_LABELS } from './forms';

/** Where the hours come from for a provider whose settings carry none, and the page that sets them. */
export interface HoursNote {
  providerLabel: string;
  /** The manager's page at its hours form; absent when this browser no longer has the link. */
  pageUrl?: string;
}

function hoursNote(note: HoursNote): string {
  const text =
    `${note.providerLabel} does not share your working hours, so the assistant offers viewing times only within the ` +
    "hours set on your page, or the service's default hours until you set them.";
  const link = note.pageUrl
    ? `<p><a href="${escapeHtml(note.pageUrl)}">Set your bookable hours</a></p>`
    : paragraphs(['To set them, open your connect link again.']);
  return `${paragraphs([text], 'warn')}\n    ${link}`;
}

/** Shown after a successful connect: the account, each of its calendars with its role, and where hours come from. */
export function connectedPage(
  connection: Pick<CalendarConnection, 'account' | 'calendars'>,
  hours?: HoursNote,
): string {
  const rows = connection.calendars
    .map((cal) => `<tr><td>${escapeHtml(cal.name)}</td><td>${ROLE_LABELS[cal.role]}</td></tr>`)
    .join('\n      ');
  const table = `<table><thead><tr><th>Calendar</th><th>Role</th></tr></thead><tbody>
      ${rows}
    </tbody></table>`;
  return layout(
    'Calendar connected',
    [
      paragraphs([`Your calendar ${connection.account} is now connected.`]),
      table,
      ...(hours ? [hoursNote(hours)] : []),
      paragraphs(
        [
          'Your phone assistant can offer viewing times and book them into the calendar that takes bookings. ' +
            'To change which calendars count, open your connect link again. You can close this window.',
        ],
        'note',
      ),
    ].join('\n    '),
  );
}

/** Shown for /calendar/auth/result without a (current) outcome: nothing to show, and where to look instead. */
export function noResultPage(): string {
  return page('Nothing to show', [
    'This page shows the result of connecting a calendar for a few minutes afterwards. ' +
      'To see your calendars, open your connect link again.',
  ]);
}
