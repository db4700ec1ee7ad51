/** "Your calendars": the manager's own page (their invite link, once connected) with roles, disconnect, and more. */
import { escapeHtml } from '../../domain/html';
import type { ConnectionView, ManagerView } from '../../domain/manage/manager-view';
import { hidden, layout, paragraphs } from '../shared/pages';
import { type FormContext, formAuth, type ProviderChoice } from './connect-page';
import { ROLE_LABELS } from './forms';

/** What a page says after a change (PRG keeps the word in the query; only these words are ever shown). */
export const NOTICES = { saved: 'Your change was saved.', disconnected: 'The account was disconnected.' } as const;
export type Notice = keyof typeof NOTICES;

const post = (url: string, body: string) => `<form method="post" action="${escapeHtml(url)}">${body}</form>`;

/** Shown instead of a role form for a calendar shared with the account (setCalendarRole refuses any other role). */
const SHARED_NOTE = 'Shared with this account: the assistant cannot see it';

function roleForm(c: ConnectionView, cal: ConnectionView['calendars'][number], form: FormContext): string {
  if (cal.shared) return `${ROLE_LABELS.ignore} <span class="note">(${SHARED_NOTE})</span>`;
  const options = (Object.keys(ROLE_LABELS) as (keyof typeof ROLE_LABELS)[])
    .map((r) => `<option value="${r}"${r === cal.role ? ' selected' : ''}>${ROLE_LABELS[r]}</option>`)
    .join('');
  const target = `${hidden('connection', c.connectionId)}${hidden('calendar', cal.id)}`;
  const fields = `${formAuth(form)}${hidden('action', 'role')}${target}`;
  const select = `<select name="role" aria-label="Role of ${escapeHtml(cal.name)}">${options}</select>`;
  return post(form.manageUrl, `${fields}${select} <button type="submit">Save</button>`);
}

/** Why a connection needing a reconnect has no button: this link offers other providers only. */
const OTHER_PROVIDER = 'This link connects other calendars only; ask for a new link to reconnect this account.';
/** Why a connection needing a reconnect has no button: the deployment no longer offers its provider. */
const NOT_OFFERED = 'This service no longer offers this kind of calendar, so it cannot be reconnected here.';
/** What a disconnect does where the provider revokes the grant itself. */
const REVOKES_FOR_ALL =
  "Disconnecting also ends this service's access to the account for anyone else who connected it here.";

function connectionSection(
  c: ConnectionView,
  providers: readonly ProviderChoice[],
  labels: readonly ProviderChoice[],
  form: FormContext,
): string {
  const provider = providers.find((p) => p.id === c.provider);
  const label = labels.find((p) => p.id === c.provider)?.label ?? c.provider;
  const heading = `<h2>${escapeHtml(c.account)} · ${escapeHtml(label)}</h2>`;
  const button = provider
    ? post(
        form.startUrl,
        `${formAuth(form)}${hidden('intent', 'connect')}${hidden('provider', provider.id)}` +
          '<button type="submit">Reconnect</button>',
      )
    : paragraphs([labels.some((p) => p.id === c.provider) ? OTHER_PROVIDER : NOT_OFFERED], 'note');
  const reconnect = c.needsReconnect
    ? paragraphs(['This account needs to be reconnected: the assistant cannot read or book its calendars.'], 'warn') +
      button
    : '';
  const rows = c.calendars
    .map((cal) => `<tr><td>${escapeHtml(cal.name)}</td><td>${roleForm(c, cal, form)}</td></tr>`)
    .join('\n      ');
  const table = `<table><thead><tr><th>Calendar</th><th>Role</th></tr></thead><tbody>
      ${rows}
    </tbody></table>`;
  const known = labels.find((p) => p.id === c.provider);
  const disconnect =
    post(
      form.manageUrl,
      `${formAuth(form)}${hidden('action', 'disconnect')}${hidden('connection', c.connectionId)}` +
        '<button type="submit" class="quiet">Disconnect this account</button>',
    ) + (known?.revokes ? paragraphs([REVOKES_FOR_ALL], 'note') : '');
  return [heading, reconnect, table, disconnect].filter(Boolean).join('\n    ');
}

/** Why a link older than the connections offers no "Connect another account" (the leaked-link rule). */
const OLDER_LINK =
  'This link was made before your calendars were connected, so it cannot connect another account (in case it was ' +
  'forwarded). To connect another account, ask for a new link.';

function addSection(providers: readonly ProviderChoice[], form: FormContext, mayAdd: boolean): string {
  if (!providers.length) return '';
  if (!mayAdd) return `<h2>Another account</h2>\n    ${paragraphs([OLDER_LINK], 'note')}`;
  const choose =
    providers.length === 1
      ? hidden('provider', providers[0]!.id)
      : `<select name="provider" aria-label="Provider">${providers
          .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.label)}</option>`)
          .join('')}</select> `;
  const button = '<button type="submit">Connect another account</button>';
  return `<h2>Another account</h2>
    ${post(form.startUrl, `${formAuth(form)}${hidden('intent', 'add')}${choose}${button}`)}`;
}

/** Where a provider without working hours sends the manager (the connect result page links here). */
export const HOURS_ANCHOR = 'hours';

/**
 * Bookable hours and zone, for calendars whose settings carry none (and to narrow those that do). Blank keeps the
 * calendar's own hours where it has them, else the deployment's default.
 */
function hoursSection(view: ManagerView, form: FormContext): string {
  const hours = view.settings.workingHours ?? '';
  const zone = view.settings.timeZone ?? '';
  const fields =
    `${formAuth(form)}${hidden('action', 'hours')}` +
    `<label>Hours <input name="workingHours" value="${escapeHtml(hours)}" ` +
    'placeholder="mon-fri 09:00-17:00; sat 10:00-14:00" size="36"></label> ' +
    `<label>Time zone <input name="timeZone" value="${escapeHtml(zone)}" placeholder="Europe/London" size="20">` +
    '</label> <button type="submit">Save hours</button>';
  const note = paragraphs(
    [
      'Viewings are offered only within these hours. Left blank, the assistant uses the working hours your calendar ' +
        "has (where it has them), else the service's default; the zone likewise.",
    ],
    'note',
  );
  return `<h2 id="${HOURS_ANCHOR}">Bookable hours</h2>
    ${note}
    ${post(form.manageUrl, fields)}`;
}

/**
 * The page of a manager with at least one connection; `mayAdd`: the invite may connect another account. `providers`
 * are those the link offers (a pinned link: one), `labels` every provider's name (for connections of any of them).
 */
export function managerPage(input: {
  view: ManagerView;
  providers: readonly ProviderChoice[];
  labels?: readonly ProviderChoice[];
  form: FormContext;
  mayAdd: boolean;
  notice?: Notice;
}): string {
  const intro = `<p>Calendars connected for <strong>${escapeHtml(input.view.managerId)}</strong>. New bookings go into
    the calendar that takes bookings; busy times in every calendar that counts are never offered.</p>`;
  const notice = input.notice ? paragraphs([NOTICES[input.notice]], 'note') : '';
  const labels = input.labels ?? input.providers;
  const sections = input.view.connections.map((c) => connectionSection(c, input.providers, labels, input.form));
  const body = [
    intro,
    notice,
    ...sections,
    hoursSection(input.view, input.form),
    addSection(input.providers, input.form, input.mayAdd),
  ].filter(Boolean);
  return layout('Your calendars', body.join('\n    '));
}
