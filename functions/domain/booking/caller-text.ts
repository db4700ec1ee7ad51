/**
 * Caller-given text (names, notes, addresses, reasons) goes into an event the manager's real mailbox sends to whatever
 * address the caller gave. So it is made plain first: no markup, no links, nothing a mail client would make clickable.
 * What is left is what a caller would say on the phone anyway.
 */

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };
// Zero-width and direction characters, which can hide a link from a filter and a reader alike.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
// Tags, and any entity left once the common ones are decoded.
const MARKUP = /<[^>]*>?|&[#a-z0-9]+;/gi;
// A Markdown link keeps its text: "[win](http://x.io)" → "win".
const MARKDOWN_LINK = /\[([^\]]*)\]\([^)]*\)/g;
const LINKS = [
  // Any scheme: https://…, ftp://…, and scheme-only ones such as javascript: or mailto:.
  /\b[a-z][a-z0-9+.-]*:(?:\/\/)?\S*/gi,
  // E-mail addresses.
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
  // IPv4 addresses, with or without a path.
  /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:\/\S*)?/g,
  // Host names: labels joined by dots ending in a label of 2+ letters ("evil.shop", "www.x.co.uk"), with any path.
  /(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}\b(?:[:/?#]\S*)?/gu,
];
// Markdown emphasis and characters with no place in a spoken name or address.
const MARKDOWN = /[[\]`*_~|{}\\^]/g;

/** The text without markup or links, on one line, at most `max` characters; undefined when nothing is left. */
export function plainCallerText(text: string | undefined, max = 1000): string | undefined {
  if (text === undefined) return undefined;
  // NFKC first: full-width "ｅｖｉｌ．ｃｏｍ" becomes "evil.com", which the link rules then see.
  let plain = text.normalize('NFKC').replace(INVISIBLE, '');
  plain = plain.replace(/&(?:lt|gt|amp|quot|#39);/gi, (e) => ENTITIES[e.toLowerCase()] ?? ' ');
  plain = plain.replace(MARKUP, ' ').replace(MARKDOWN_LINK, '$1');
  for (const link of LINKS) plain = plain.replace(link, ' ');
  plain = plain
    .replace(MARKDOWN, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\(\s*\)/g, '')
    .trim();
  return plain ? plain.slice(0, max) : undefined;
}
