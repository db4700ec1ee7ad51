/** Reading an operator's request: the bearer token, the path's segments, the JSON body and the query. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { thrown } from '../support/thrown';
import { ADMIN_TOKEN, adminEvent } from './admin-support';

let request: typeof import('../../functions/handlers/admin/request');
let errors: typeof import('../../functions/domain/errors');

beforeEach(async () => {
  // MAX_ADMIN_BODY_BYTES is module-level (test/mutation/README.md): loaded afresh, with the errors of its graph.
  vi.resetModules();
  request = await import('../../functions/handlers/admin/request');
  errors = await import('../../functions/domain/errors');
});

const withAuthorization = (authorization: string) => adminEvent('get-manager', { headers: { authorization } });

describe('Function: requireAdmin', () => {
  it.each([`Bearer ${ADMIN_TOKEN}`, `bearer   ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}  `])('admits "%s"', (header) => {
    // Act + Assess
    expect(() => request.requireAdmin(withAuthorization(header), ADMIN_TOKEN)).not.toThrow();
  });

  it.each([`xBearer ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN} extra`, `Bearer${ADMIN_TOKEN}`, ADMIN_TOKEN])(
    'refuses "%s" with 401',
    (header) => {
      // Act + Assess
      expect(thrown(() => request.requireAdmin(withAuthorization(header), ADMIN_TOKEN))).toBeInstanceOf(
        errors.UnauthorizedError,
      );
    },
  );
});

describe('Function: pathSegments', () => {
  it('decodes each segment on its own below the prefix, and has none for a path outside it', () => {
    // Act + Assess
    expect(request.pathSegments('/calendar/admin/managers/pat/a%2Fb', '/calendar/admin')).toEqual([
      'managers',
      'pat',
      'a/b',
    ]);
    expect(request.pathSegments('/calendar/administer/x', '/calendar/admin')).toBeUndefined();
    expect(request.pathSegments('/status', '/calendar/admin')).toBeUndefined();
  });

  it('refuses a segment that is not valid percent-encoding, naming the path', () => {
    // Act
    const error = thrown(() => request.pathSegments('/calendar/admin/managers/%E0%A4%A', '/calendar/admin'));

    // Assess
    expect(error).toBeInstanceOf(errors.ValidationError);
    expect(error).toMatchObject({ message: 'path: a segment is not valid percent-encoding', reason: 'path' });
  });
});

describe('Function: jsonBody', () => {
  const withBody = (body: string) => adminEvent('put-settings', { body });

  it('reads a body of up to 16 KB and refuses one byte more with 413', () => {
    // Prepare
    const atCap = JSON.stringify({ pad: 'x'.repeat(16 * 1024 - 10) });

    // Act + Assess
    expect(atCap).toHaveLength(16 * 1024);
    expect(request.jsonBody(withBody(atCap))).toEqual(JSON.parse(atCap));
    const error = thrown(() => request.jsonBody(withBody(`${atCap} `)));
    expect(error).toBeInstanceOf(errors.PayloadTooLargeError);
    expect((error as Error).message).toBe('body: at most 16384 bytes');
  });

  it('has no body for an empty or blank one, and refuses one that is not JSON, naming the body', () => {
    // Act + Assess
    expect(request.jsonBody(withBody(''))).toBeUndefined();
    expect(request.jsonBody(withBody(' \n '))).toBeUndefined();
    expect(thrown(() => request.jsonBody(withBody('{"role":')))).toMatchObject({
      message: 'body: must be valid JSON',
      reason: 'body',
    });
  });
});

describe('Function: queryOf', () => {
  it('keeps the first of repeated values, trimmed, and leaves out a parameter without a value', () => {
    // Prepare
    const event = adminEvent('list-bookings');
    event.queryStringParameters = { from: ' 2026-12-01 ,2026-12-09', to: '2026-12-07', empty: undefined };

    // Act + Assess
    expect(request.queryOf(event)).toEqual({ from: '2026-12-01', to: '2026-12-07' });
  });
});
