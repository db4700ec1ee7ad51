import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyVapiRequest } from '../../../functions/domain/vapi/auth';
import { NOW_MS, PREVIOUS, SECRETS, signedHeaders } from './hmac-signing';

const RUNS = 2_000;

/** Header names that matter, in random case, plus arbitrary ones. */
const name = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'x-signature',
      'x-timestamp',
      'x-vapi-secret',
      'authorization',
      'X-Signature',
      'X-TIMESTAMP',
    ),
    weight: 4,
  },
  { arbitrary: fc.string(), weight: 1 },
);
/** Values shaped like the real thing (so the fuzz reaches the HMAC comparison), and anything at all. */
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^(sha256=)?[0-9a-f]{64}$/),
  fc.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
  fc.integer({ min: NOW_MS - 600_000, max: NOW_MS + 600_000 }).map((ms) => String(ms)),
  fc.integer({ min: (NOW_MS - 600_000) / 1000, max: (NOW_MS + 600_000) / 1000 }).map((s) => String(s)),
  fc.string().map((s) => `Bearer ${s}`),
  fc.constant(undefined),
  // Non-string values reach the handler if a runtime hands over arrays or numbers; they must not throw either.
  fc.anything().map((v) => v as unknown as string),
);
const headers = fc.dictionary(name, value, { maxKeys: 6 });
const body = fc.oneof(fc.string({ unit: 'binary' }), fc.json());

describe('verifyVapiRequest: fuzz', () => {
  it('never throws and never verifies random headers and bodies (no correct signature among them)', () => {
    fc.assert(
      fc.property(headers, body, (h, rawBody) => {
        // Act
        const ok = verifyVapiRequest({ headers: h, rawBody, secrets: SECRETS, nowMs: NOW_MS });
        // Assess
        expect(ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('verifies exactly the correctly signed in-window request: not a changed body, another key or stale stamp', () => {
    const signing = fc.record({
      rawBody: fc.string({ unit: 'binary', minLength: 1 }),
      secret: fc.constantFrom(...SECRETS),
      offsetSeconds: fc.integer({ min: -299, max: 299 }),
      staleSeconds: fc.integer({ min: 301, max: 10 ** 6 }).chain((s) => fc.constantFrom(s, -s)),
      unit: fc.constantFrom<'s' | 'ms'>('s', 'ms'),
      encoding: fc.constantFrom<'hex' | 'base64'>('hex', 'base64'),
      prefix: fc.constantFrom('', 'sha256='),
      at: fc.nat(),
      // Below the surrogate range, so the change survives UTF-8 encoding (lone surrogates all encode as U+FFFD).
      replacement: fc.integer({ min: 0, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
    });
    fc.assert(
      fc.property(
        signing,
        ({ rawBody, secret, offsetSeconds, staleSeconds, unit, encoding, prefix, at, replacement }) => {
          // Prepare: one code point replaced (whole code points, so no surrogate pair is split),
          // kept different from the original
          const points = Array.from(rawBody);
          const i = at % points.length;
          points[i] = replacement === points[i] ? `${replacement}x` : replacement;
          const changed = points.join('');
          const verify = (h: Record<string, string>, b = rawBody, secrets: readonly string[] = SECRETS) =>
            verifyVapiRequest({ headers: h, rawBody: b, secrets, nowMs: NOW_MS });
          // Act
          const good = verify(signedHeaders(rawBody, { secret, offsetSeconds, unit, encoding, prefix }));
          const tampered = verify(signedHeaders(rawBody, { secret, offsetSeconds, unit, encoding, prefix }), changed);
          const stale = verify(signedHeaders(rawBody, { secret, offsetSeconds: staleSeconds, unit, encoding, prefix }));
          const otherKey = verify(
            signedHeaders(rawBody, { secret: PREVIOUS, offsetSeconds, unit, encoding }),
            rawBody,
            ['only-this-one'],
          );
          // Assess
          expect([good, tampered, stale, otherKey]).toEqual([true, false, false, false]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
