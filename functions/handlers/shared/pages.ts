/** The few HTML pages a manager sees while connecting a calendar. */

import { escapeHtml } from '../../domain/html';

/** A small self-contained page (inline styles only; the CSP forbids everything else). */
export function page(title: string, heading: string, paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n    ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${escapeHtml(title)}</title>
  <style>
    body { font-family: system-ui, -apple-system, Segoe UI, sans-serif; background: #f5f6f8; color: #1f2933; margin: 0; }
    main { max-width: 32rem; margin: 12vh auto; background: #fff; border-radius: 12px; padding: 2rem 2.25rem;
           box-shadow: 0 2px 12px rgba(0,0,0,.08); }
    h1 { font-size: 1.4rem; margin: 0 0 1rem; }
    p { line-height: 1.5; margin: .5rem 0; }
  </style>
</head>
<body>
  <main>
    <h1>${escapeHtml(heading)}</h1>
    ${body}
  </main>
</body>
</html>`;
}

/** Shown after a successful connect. */
export function connectedPage(account: string): string {
  return page('Calendar connected', 'Calendar connected', [
    `Your calendar ${account} is now connected.`,
    'Your phone assistant can offer viewing times and book them straight into this calendar. You can close this window.',
  ]);
}

/** Shown when the connect flow cannot go on; `reason` is safe, generic text. */
export function problemPage(reason: string): string {
  return page('Calendar not connected', 'Calendar not connected', [reason]);
}
