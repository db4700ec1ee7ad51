/** escapeHtml: caller text put into pages and event bodies can never become markup or break out of an attribute. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Html = typeof import('../../functions/domain/html');
let h: Html;

// The entity table is a module-level constant: load the module afresh for each test.
beforeEach(async () => {
  vi.resetModules();
  h = await import('../../functions/domain/html');
});

describe('Function: escapeHtml', () => {
  it('escapes each of the five characters that are special in HTML', () => {
    // Act & Assess
    expect(h.escapeHtml('&')).toBe('&amp;');
    expect(h.escapeHtml('<')).toBe('&lt;');
    expect(h.escapeHtml('>')).toBe('&gt;');
    expect(h.escapeHtml('"')).toBe('&quot;');
    expect(h.escapeHtml("'")).toBe('&#39;');
  });

  it('turns a script and an attribute break-out into plain text, leaving the rest as it was', () => {
    // Act
    const escaped = h.escapeHtml(`Ana <script>alert("x")</script> & Bo's "flat" 12`);

    // Assess
    expect(escaped).toBe('Ana &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Bo&#39;s &quot;flat&quot; 12');
  });

  it('leaves text with nothing special unchanged, and escapes an entity already written once more', () => {
    // Act & Assess
    expect(h.escapeHtml('12 Elm St, Springfield — 10:00')).toBe('12 Elm St, Springfield — 10:00');
    expect(h.escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(h.escapeHtml('')).toBe('');
  });
});
