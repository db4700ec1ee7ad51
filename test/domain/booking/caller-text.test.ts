import { beforeEach, describe, expect, it, vi } from 'vitest';

type CallerText = typeof import('../../../functions/domain/booking/caller-text');
let plainCallerText: CallerText['plainCallerText'];

// The rules are module-level regexes, built once when the module loads. Loading it afresh inside each test (not at the
// top of the file, where no test is running yet) is what lets mutation testing see those regexes used by these tests.
beforeEach(async () => {
  vi.resetModules();
  ({ plainCallerText } = await import('../../../functions/domain/booking/caller-text'));
});

describe('Function: plainCallerText', () => {
  describe('entities', () => {
    it.each([
      ['Tom &amp; Jerry', 'Tom & Jerry'],
      ['the &quot;blue&quot; door', 'the "blue" door'],
      ['Mary O&#39;Neil', "Mary O'Neil"],
      ['bring 2 &gt; 1 keys', 'bring 2 > 1 keys'],
      ['TOM &AMP; JERRY', 'TOM & JERRY'],
    ])('decodes %s → %s', (input, plain) => {
      // Act / Assess
      expect(plainCallerText(input)).toBe(plain);
    });

    it('decodes an escaped tag and then strips it like a raw one', () => {
      // Act
      const plain = plainCallerText('a &lt;b&gt;bold&lt;/b&gt; word');

      // Assess
      expect(plain).toBe('a bold word');
    });

    it.each([
      ['Jane&nbsp;Doe', 'Jane Doe'],
      ['Jane&#8203;Doe', 'Jane Doe'],
      ['Jane&#x27;Doe', 'Jane Doe'],
      ['Jane&NBSP;Doe', 'Jane Doe'],
    ])('turns any other entity %s into a space', (input, plain) => {
      // Act / Assess
      expect(plainCallerText(input)).toBe(plain);
    });

    it('keeps a lone ampersand and a semicolon that make no entity', () => {
      // Act / Assess
      expect(plainCallerText('Smith & Sons; Flat 2')).toBe('Smith & Sons; Flat 2');
    });
  });

  describe('invisible characters', () => {
    it.each([
      ['zero-width space', '\u200B'],
      ['right-to-left mark', '\u200F'],
      ['left-to-right embedding', '\u202A'],
      ['right-to-left override', '\u202E'],
      ['word joiner', '\u2060'],
      ['invisible plus', '\u2064'],
      ['byte-order mark', '\uFEFF'],
    ])('drops a %s without leaving a space', (_name, invisible) => {
      // Act
      const plain = plainCallerText(`Ja${invisible}ne Doe`);

      // Assess
      expect(plain).toBe('Jane Doe');
    });
  });

  describe('markup', () => {
    it.each([
      ['Jane <b>Doe</b>', 'Jane Doe'],
      ['Jane <span class="x">Doe</span>', 'Jane Doe'],
      ['Jane<br>Doe', 'Jane Doe'],
      ['Jane <>Doe', 'Jane Doe'],
    ])('replaces each tag in %s with a space', (input, plain) => {
      // Act / Assess
      expect(plainCallerText(input)).toBe(plain);
    });

    it('drops an unclosed tag up to the end of the text', () => {
      // Act
      const plain = plainCallerText('Jane <img src=x onerror=alert(1)');

      // Assess
      expect(plain).toBe('Jane');
    });

    it.each([
      ['[home](about) page', 'home page'],
      ['[Jane Doe](/profile)', 'Jane Doe'],
      ['[a](b)', 'a'],
    ])('keeps only the text of the Markdown link in %s', (input, plain) => {
      // Act / Assess
      expect(plainCallerText(input)).toBe(plain);
    });

    it.each([
      ['Mary_Jane', 'Mary Jane'],
      ['Jane*Doe', 'Jane Doe'],
      ['Jane|Doe', 'Jane Doe'],
      ['a`b~c{d}e\\f^g[h]i', 'a b c d e f g h i'],
    ])('replaces Markdown and code characters in %s with spaces', (input, plain) => {
      // Act / Assess
      expect(plainCallerText(input)).toBe(plain);
    });
  });

  describe('links with a scheme', () => {
    it.each([
      ['javascript:alert(1)', undefined],
      ['Click https://evil.example/x?y=1 now', 'Click now'],
      ['open ftp://files/x now', 'open now'],
      ['see svn+ssh://repo now', 'see now'],
      ['pay at x-pay:abc now', 'pay at now'],
      ['see s3://bucket now', 'see now'],
      ['JAVASCRIPT:alert(1) and more', 'and more'],
    ])('%s → %s', (input, plain) => {
      // Act / Assess
      expect(plainCallerText(input)).toBe(plain);
    });

    it('does not take a time of day for a scheme', () => {
      // Act / Assess
      expect(plainCallerText('after 10:30 please')).toBe('after 10:30 please');
    });
  });

  describe('e-mail addresses', () => {
    it.each([
      ['mail me at bob@evil.example please', 'mail me at please'],
      ['mail bob@mail.evil.example now', 'mail now'],
      ['write to bob@evil.example or ann@x.org', 'write to or'],
      ['mail jo.b_1%x+y-z@evil.example now', 'mail now'],
      ['mail 42@mx-1.example now', 'mail now'],
      ['mail bob@evil.example2 now', 'mail now'],
      ['mail bob@mx.evil-1.example now', 'mail now'],
      ['mail josé@café.example now', 'mail now'],
    ])('%s → %s', (input, plain) => {
      // Act / Assess
      expect(plainCallerText(input)).toBe(plain);
    });

    it('leaves a space where an address stood between words', () => {
      // Act / Assess
      expect(plainCallerText('Ann,bob@evil.example,Joe')).toBe('Ann, ,Joe');
    });
  });

  describe('IPv4 addresses', () => {
    it.each([
      ['see 192.168.1.1/login', 'see'],
      ['call 10.0.0.1 now', 'call now'],
      ['open 10.0.0.1:8080/admin now', 'open now'],
      ['open 10.0.0.1:8080 now', 'open now'],
      ['open 1.2.3.4/a/b?c now', 'open now'],
    ])('%s → %s', (input, plain) => {
      // Act / Assess
      expect(plainCallerText(input)).toBe(plain);
    });
  });

  describe('host names', () => {
    it.each([
      ['see www.evil.example and evil.com/path', 'see and'],
      ['go to evil.ai or evil.online', 'go to or'],
      ['log in at evil.shop/login', 'log in at'],
      ['try a-b.c-d.example now', 'try now'],
      ['try 1.2.example now', 'try now'],
      ['try evil.com:8080/x now', 'try now'],
      ['try evil.com?x=1 now', 'try now'],
      ['try evil.com#top now', 'try now'],
      ['try 123.example now', 'try now'],
      ['try müller.de now', 'try now'],
    ])('%s → %s', (input, plain) => {
      // Act / Assess
      expect(plainCallerText(input)).toBe(plain);
    });

    it.each([
      ['12 Elm St., Apt. 4', '12 Elm St., Apt. 4'],
      ['Flat 2, 12 Elm St. near the park', 'Flat 2, 12 Elm St. near the park'],
      ['Plot 4.b, gate 2', 'Plot 4.b, gate 2'],
      ['Invoice no. 12.34', 'Invoice no. 12.34'],
      ['Dr.B. Smith', 'Dr.B. Smith'],
    ])('keeps %s, which has no host name in it', (input, plain) => {
      // Act / Assess
      expect(plainCallerText(input)).toBe(plain);
    });
  });

  describe('whitespace and length', () => {
    it('puts the text on one line with single spaces', () => {
      // Act / Assess
      expect(plainCallerText('  Jane \n\t Doe  ')).toBe('Jane Doe');
    });

    it('drops the empty brackets a removed link leaves', () => {
      // Act / Assess
      expect(plainCallerText('Jane (evil.com)')).toBe('Jane');
      expect(plainCallerText('Jane Doe ()')).toBe('Jane Doe');
    });

    it('keeps brackets that still hold text', () => {
      // Act / Assess
      expect(plainCallerText('Jane (the tenant)')).toBe('Jane (the tenant)');
    });

    it('cuts the text at max characters, 1000 unless told', () => {
      // Act / Assess
      expect(plainCallerText('Jane Doe', 4)).toBe('Jane');
      expect(plainCallerText('a'.repeat(1200))).toBe('a'.repeat(1000));
    });

    it.each([[undefined], [''], [' \n '], ['<b></b>'], ['\u200B']])(
      'gives undefined for %j, where nothing is left',
      (input) => {
        // Act / Assess
        expect(plainCallerText(input)).toBeUndefined();
      },
    );
  });
});
