/**
 * HTML of the sandbox sign-in: a consent card, an error card and the form_post relay. Everything reflected is escaped.
 */
import { escapeHtml, safeOrigin } from '../../shared/http';

const STYLE =
  `
  *{box-sizing:border-box}
  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f2f2f2;
       font:15px/1.45 "Segoe UI",system-ui,-apple-system,sans-serif;color:#1b1b1b}
  main{width:min(440px,92vw);background:#fff;padding:36px 40px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
  .badge{display:inline-block;font-size:12px;padding:2px 8px;border-radius:10px;` +
  `background:#fff4ce;color:#5c4400;margin:0 0 12px}
  h1{font-size:22px;font-weight:600;margin:0 0 16px}
  .who{margin:0 0 16px;padding:10px 12px;background:#f7f7f7;border-left:3px solid #0067b8}
  .who small{color:#555}
  ul{margin:6px 0 18px;padding-left:20px}
  li label{cursor:pointer}
  code{font-size:13px;background:#f3f3f3;padding:1px 4px;word-break:break-all}
  .note{color:#555;font-size:13px}
  form{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}
  button{min-width:108px;padding:7px 12px;font:inherit;border:1px solid #8a8a8a;background:#fff;cursor:pointer}
  button.primary{background:#0067b8;border-color:#0067b8;color:#fff}
  button:focus-visible{outline:2px solid #1b1b1b;outline-offset:2px}
  .error{border-left-color:#a4262c}
`;

function page(title: string, body: string, headExtra = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style>${headExtra}</head>
<body><main>${body}</main></body></html>`;
}

export interface ConsentView {
  displayName: string;
  username: string;
  clientId: string;
  scopes: string[];
  /** Scopes shown unticked (the emulator's withheldScopes). */
  withheld: string[];
  /** The account the app asked for (login_hint). */
  loginHint?: string;
  redirectUri: string;
  ticket: string;
}

/** The consent card: who signs in, which app, which permissions (each one can be unticked), and Accept / Cancel. */
export function renderConsentPage(view: ConsentView): string {
  const signIn = new Set(['openid', 'profile', 'email']);
  const withheld = new Set(view.withheld);
  const scopes = view.scopes
    .map((s) =>
      signIn.has(s.toLowerCase())
        ? `<li>${escapeHtml(s)}</li>`
        : `<li><label><input type="checkbox" name="scope" value="${escapeHtml(s)}" form="consent"${
            withheld.has(s) ? '' : ' checked'
          }> ${escapeHtml(s)}</label></li>`,
    )
    .join('');
  const hint = view.loginHint
    ? `<p class="note">The app asked for <code>${escapeHtml(view.loginHint)}</code>; the sandbox has one mailbox.</p>`
    : '';
  const redirectHost = safeOrigin(view.redirectUri);
  return page(
    'Sandbox Microsoft sign-in',
    `<p class="badge">Sandbox – no real Microsoft account is used</p>
<h1>Sandbox Microsoft sign-in</h1>
<p class="who"><strong>${escapeHtml(view.displayName)}</strong><br><small>${escapeHtml(view.username)}</small></p>
${hint}<p>The app <code>${escapeHtml(view.clientId)}</code> asks for permission to:</p>
<ul>${scopes}</ul>
<p class="note">Accepting returns you to <code>${escapeHtml(redirectHost)}</code>.</p>
<form method="post" id="consent">
  <input type="hidden" name="ticket" value="${escapeHtml(view.ticket)}">
  <input type="hidden" name="offered" value="1">
  <button type="submit" name="action" value="cancel">Cancel</button>
  <button type="submit" name="action" value="accept" class="primary" autofocus>Accept</button>
</form>`,
  );
}

/** An error card (bad authorize request, stale consent ticket). */
export function renderErrorPage(message: string): string {
  return page(
    'Sandbox Microsoft sign-in – error',
    `<p class="badge">Sandbox</p><h1>Sign-in request rejected</h1><p class="who error">${escapeHtml(message)}</p>`,
  );
}

/** The response_mode=form_post relay: a form that submits itself to redirect_uri (script allowed by nonce only). */
export function renderFormPost(redirectUri: string, fields: Record<string, string>, scriptNonce: string): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return page(
    'Working…',
    `<form method="post" action="${escapeHtml(redirectUri)}">${inputs}` +
      `<noscript><button type="submit">Continue</button></noscript></form>
<script nonce="${escapeHtml(scriptNonce)}">document.forms[0].submit();</script>`,
  );
}
