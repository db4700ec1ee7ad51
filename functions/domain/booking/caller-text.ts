/**
 * Caller-given text (names, notes, addresses, reasons) goes into an event the manager's real mailbox sends to whatever
 * address the caller gave. So it is made plain first: no markup, no links, no addresses a mail client would make
 * clickable. What is left is what a caller would say on the phone anyway.
 */

// Entities are decoded first, so "&lt;script&gt;" is a tag like any other; then tags and leftover entities go.
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };
const MARKUP = /<[^>]*>?|&[#a-z0-9]+;/gi;
// A Markdown link keeps its text: "[win](http://x.io)" → "win".
const MARKDOWN_LINK = /\[([^\]]*)\]\([^)]*\)/g;
// Scheme links, www. links, e-mail addresses, and bare domains with a path or a common top-level domain.
const LINKS = [
  /\b[a-z][a-z0-9+.-]*:\/\/\S*/gi,
  /\bwww\.\S*/gi,
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g,
  /\b(?:[a-z0-9-]+\.)+(?:com|net|org|info|biz|io|co|ru|xyz|top|app|link|me|ly|gl|uk|de)\b(?:\/\S*)?/gi,
];
// Markdown link and emphasis syntax, and characters with no place in a spoken name or address.
const MARKDOWN = /[[\]`*_~|{}\\^]|\]\(|\)\[/g;

/** The text without markup or links, on one line, at most `max` characters; undefined when nothing is left. */
export function plainCallerText(text: string | undefined, max = 1000): string | undefined {
  if (text === undefined) return undefined;
  let plain = text.replace(/&(?:lt|gt|amp|quot|#39);/gi, (e) => ENTITIES[e.toLowerCase()] ?? ' ');
  plain = plain.replace(MARKUP, ' ').replace(MARKDOWN_LINK, '$1');
  for (const link of LINKS) plain = plain.replace(link, ' ');
  plain = plain
    .replace(MARKDOWN, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\(\s*\)/g, '')
    .trim();
  return plain ? plain.slice(0, max) : undefined;
}
