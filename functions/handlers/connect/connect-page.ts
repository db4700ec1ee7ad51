/** "Connect your calendar": what an invite link opens for a manager with no calendar connected yet. */
import { escapeHtml } from '../../domain/html';
import { hidden, layout, page, paragraphs } from '../shared/pages';

/** What every form of a connect page carries: where it posts, the invite, and the CSRF token. */
export interface FormContext {
  /** Absolute URLs of POST /calendar/auth/start and POST /calendar/auth/manage. */
  startUrl: string;
  manageUrl: string;
  invite: string;
  csrf: string;
}

/** A provider as a page offers it: its id (the form value), its button text, and whether a disconnect revokes. */
export interface ProviderChoice {
  id: string;
  label: string;
  /** Disconnecting revokes the grant at the provider (for everyone who connected that account with this app). */
  revokes?: boolean;
}

/** The invite and CSRF fields of a form. */
export function formAuth(form: FormContext): string {
  return `${hidden('invite', form.invite)}${hidden('csrf', form.csrf)}`;
}

/** The page: names the manager (and the account the invite expects), one button per provider. */
export function connectPage(input: {
  managerId: string;
  expectedEmail?: string;
  providers: readonly ProviderChoice[];
  form: FormContext;
}): string {
  const who = `<p>This link connects a calendar for <strong>${escapeHtml(input.managerId)}</strong>, so the phone
    assistant can offer viewing times and book them into it. Where is your calendar?</p>`;
  const account = input.expectedEmail
    ? paragraphs([`Sign in as ${input.expectedEmail}: this link connects only that account.`], 'note')
    : '';
  const buttons = input.providers
    .map((p) => `<button type="submit" name="provider" value="${escapeHtml(p.id)}">${escapeHtml(p.label)}</button>`)
    .join('\n      ');
  const none = input.providers.length
    ? ''
    : paragraphs(['No calendar provider is set up in this deployment yet. Ask the person who sent the link.'], 'warn');
  const form = `<form method="post" action="${escapeHtml(input.form.startUrl)}">
      ${formAuth(input.form)}${hidden('intent', 'connect')}
      ${buttons}
    </form>`;
  const after = paragraphs(
    [
      "You sign in at your calendar provider and allow access; the assistant then sees when you're busy. " +
        'You can change which calendars count, or disconnect, from this same link.',
    ],
    'note',
  );
  return layout('Connect your calendar', [who, account, none, form, after].filter(Boolean).join('\n    '));
}

/** The 403 for a form whose CSRF token or invite cookie is missing or wrong. */
export function sessionExpiredPage(): string {
  return page('Open your link again', [
    'This page was open too long, or it was opened in another browser. ' +
      'Open the connect link from your message again, then try once more.',
  ]);
}

/** A change on the manager's page that was refused: why, and the way back. */
export function notChangedPage(reason: string, backUrl: string): string {
  return layout(
    'Nothing was changed',
    `${paragraphs([reason])}
    <p><a href="${escapeHtml(backUrl)}">Back to your calendars</a></p>`,
  );
}
