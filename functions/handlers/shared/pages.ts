/** The HTML pages a manager sees while connecting calendars: one layout, inline styles only (all the CSP allows). */
import { escapeHtml } from '../../domain/html';

const STYLE = `
    body { font-family: system-ui, -apple-system, Segoe UI, sans-serif; background: #f5f6f8; color: #1f2933;
           margin: 0; }
    main { max-width: 40rem; margin: 8vh auto; background: #fff; border-radius: 12px; padding: 2rem 2.25rem;
           box-shadow: 0 2px 12px rgba(0,0,0,.08); }
    h1 { font-size: 1.4rem; margin: 0 0 1rem; }
    h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
    p { line-height: 1.5; margin: .5rem 0; }
    form { margin: 0; display: inline; }
    button { font: inherit; padding: .45rem 1rem; border-radius: 6px; border: 1px solid #1f5fbf; background: #1f5fbf;
             color: #fff; cursor: pointer; margin: .25rem .5rem .25rem 0; }
    button.quiet { background: #fff; color: #1f5fbf; }
    select { font: inherit; padding: .3rem; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
    td, th { text-align: left; padding: .4rem .5rem .4rem 0; border-bottom: 1px solid #e4e7eb; }
    .note { color: #52606d; font-size: .95rem; }
    .warn { color: #a61b1b; font-weight: 600; }`;

/** A whole page around `bodyHtml`, which the caller built from escaped text only. */
export function layout(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${escapeHtml(title)}</title>
  <style>${STYLE}
  </style>
</head>
<body>
  <main>
    <h1>${escapeHtml(title)}</h1>
    ${bodyHtml}
  </main>
</body>
</html>`;
}

/** Paragraphs of plain text as HTML. */
export function paragraphs(texts: readonly string[], className?: string): string {
  const attr = className ? ` class="${escapeHtml(className)}"` : '';
  return texts.map((t) => `<p${attr}>${escapeHtml(t)}</p>`).join('\n    ');
}

/** A hidden form field. */
export function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

/** A page of plain paragraphs. */
export function page(title: string, texts: readonly string[]): string {
  return layout(title, paragraphs(texts));
}

/** Shown when the connect flow cannot go on; `reason` is safe, generic text. */
export function problemPage(reason: string): string {
  return page('Calendar not connected', [reason]);
}
