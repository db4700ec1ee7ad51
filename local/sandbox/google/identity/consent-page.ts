/** HTML of the sandbox Google sign-in: the consent screen and Google's "Error 400: …" page. Everything is escaped. */
import { escapeHtml } from '../../shared/http';
import { EMAIL_SCOPE, isSignInScope, PROFILE_SCOPE, SCOPE_PREFIX } from './scopes';

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f0f4f9;
       font:14px/1.5 "Google Sans",Roboto,system-ui,-apple-system,sans-serif;color:#1f1f1f}
  main{width:min(460px,94vw);background:#fff;padding:36px 40px;border-radius:28px}
  .badge{display:inline-block;font-size:12px;padding:2px 10px;border-radius:10px;background:#fef7e0;color:#5c4400}
  h1{font-size:24px;font-weight:400;margin:12px 0 16px}
  .who{display:flex;gap:10px;align-items:center;margin:0 0 18px;padding:8px 12px;border:1px solid #c4c7c5;
       border-radius:20px}
  .who small{color:#444746}
  ul{list-style:none;margin:8px 0 18px;padding:0}
  li{padding:8px 0;border-bottom:1px solid #e3e3e3}
  li label{cursor:pointer;display:flex;gap:10px;align-items:flex-start}
  code{font-size:12px;background:#f3f3f3;padding:1px 4px;word-break:break-all}
  .note{color:#444746;font-size:13px}
  .actions{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}
  button{min-width:96px;padding:9px 20px;font:inherit;border:1px solid #747775;border-radius:20px;background:#fff;
         color:#0b57d0;cursor:pointer}
  button.primary{background:#0b57d0;border-color:#0b57d0;color:#fff}
  button:focus-visible{outline:2px solid #1f1f1f;outline-offset:2px}
  .error{color:#b3261e}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

// Google's own wording for the scopes a calendar app asks for; other scopes show their name only.
const DESCRIPTIONS: Record<string, string> = {
  openid: 'Associate you with your personal info on Google',
  [EMAIL_SCOPE]: 'See your primary Google Account email address',
  [PROFILE_SCOPE]: 'See your personal info, including any personal info you’ve made publicly available',
  [`${SCOPE_PREFIX}calendar`]:
    'See, edit, share, and permanently delete all the calendars you can access using Google Calendar',
  [`${SCOPE_PREFIX}calendar.readonly`]: 'See and download any calendar you can access using your Google Calendar',
  [`${SCOPE_PREFIX}calendar.events`]: 'View and edit events on all your calendars',
  [`${SCOPE_PREFIX}calendar.events.owned`]: 'See, create, change, and delete events on Google calendars you own',
  [`${SCOPE_PREFIX}calendar.events.freebusy`]: 'See the availability on Google calendars you have access to',
  [`${SCOPE_PREFIX}calendar.freebusy`]: 'See your calendar availability',
  [`${SCOPE_PREFIX}calendar.calendarlist.readonly`]: 'See the list of Google calendars you’re subscribed to',
  [`${SCOPE_PREFIX}calendar.settings.readonly`]: 'View your Calendar settings',
};

export interface ConsentView {
  name: string;
  email: string;
  clientId: string;
  /** Canonical scope names as requested. */
  scopes: string[];
  /** Scopes shown unticked. */
  withheld: ReadonlySet<string>;
  loginHint?: string;
  redirectOrigin: string;
  /** The authorize request's query, carried through the POST in hidden fields. */
  query: Array<[string, string]>;
}

function scopeItem(scope: string, withheld: ReadonlySet<string>): string {
  const text = `${escapeHtml(DESCRIPTIONS[scope] ?? scope)}<br><code>${escapeHtml(scope)}</code>`;
  if (isSignInScope(scope)) return `<li>${text}</li>`;
  const checked = withheld.has(scope) ? '' : ' checked';
  return `<li><label><input type="checkbox" name="consent_scope" value="${escapeHtml(scope)}"${checked}>
<span>${text}</span></label></li>`;
}

/** The consent screen: the account, the app, one checkbox per non-sign-in scope (ticked), and Cancel / Allow. */
export function renderConsentPage(view: ConsentView): string {
  const hint = view.loginHint
    ? `<p class="note">The app asked for <code>${escapeHtml(view.loginHint)}</code>; the sandbox has one account.</p>`
    : '';
  const hidden = view.query
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n  ');
  return page(
    'Sign in – Google Accounts (sandbox)',
    `<p class="badge">Sandbox – no real Google account is used</p>
<h1>Sandbox Google sign-in</h1>
<div class="who"><div><strong>${escapeHtml(view.name)}</strong><br><small>${escapeHtml(view.email)}</small></div></div>
${hint}<p><code>${escapeHtml(view.clientId)}</code> wants access to your Google Account</p>
<form method="post" id="consent">
  <ul>${view.scopes.map((s) => scopeItem(s, view.withheld)).join('')}</ul>
  ${hidden}
  <input type="hidden" name="consent_offered" value="1">
  <div class="actions">
    <button type="submit" name="consent_action" value="cancel">Cancel</button>
    <button type="submit" name="consent_action" value="allow" class="primary" autofocus>Allow</button>
  </div>
</form>
<p class="note">Allow returns you to <code>${escapeHtml(view.redirectOrigin)}</code>.</p>`,
  );
}

/** Google's error screen: "Error 400: invalid_request" and what was wrong with the request. */
export function renderErrorPage(status: number, code: string, message: string): string {
  return page(
    'Error – Google Accounts (sandbox)',
    `<p class="badge">Sandbox</p><h1>Access blocked: this request is invalid</h1>
<p class="error"><strong>Error ${status}: ${escapeHtml(code)}</strong></p><p>${escapeHtml(message)}</p>`,
  );
}
