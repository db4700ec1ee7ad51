/** The connect pages' front doors: which method and path each function serves, and the form size cap. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { problemPage } from '../../functions/handlers/shared/pages';
import { type DynamoTables, useDynamoTables } from '../support/dynamo';
import { connectEnv, connectEvent } from './connect-support';
import { coldStart, httpEvent } from './invoke';

const NO_PAGE = problemPage('This page does not exist.');
let dynamo: DynamoTables;

beforeAll(async () => {
  dynamo = await useDynamoTables();
});
// Each test cold-starts afresh: the route tables are module-level (test/mutation/README.md).
afterEach(() => vi.unstubAllEnvs());

/** The event of `fixture` sent as `method` to `path`. */
function sentTo(fixture: string, method: string, path: string) {
  const event = httpEvent(fixture);
  event.rawPath = path;
  event.requestContext.http.method = method;
  event.requestContext.http.path = path;
  event.routeKey = `${method} ${path}`;
  return event;
}

describe('Handler: authStart routes', () => {
  it('answers a path it does not serve with a 404 page saying so', async () => {
    // Prepare
    const { authStart } = await coldStart(['authStart'], connectEnv(dynamo));

    // Act
    const res = await authStart(sentTo('auth-start-get', 'GET', '/calendar/auth/elsewhere'));

    // Assess
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe(NO_PAGE);
  });

  it('serves the manage form (POST), and refuses a form one byte over 16 KB with 413 saying why', async () => {
    // Prepare
    const { authStart } = await coldStart(['authStart'], connectEnv(dynamo));
    const form = (bytes: number) => connectEvent('manage-post', { body: `a=${'x'.repeat(bytes - 2)}` });

    // Act
    const atCap = await authStart(form(16 * 1024));
    const over = await authStart(form(16 * 1024 + 1));

    // Assess: the form at the cap reaches the manage route, which refuses it (400) as sent incomplete.
    expect(atCap.statusCode).toBe(400);
    expect(over.statusCode).toBe(413);
    expect(over.body).toBe(problemPage('This form is too large.'));
  });
});

describe('Handler: authCallback routes', () => {
  it('answers a path other than the callback and the result page with a 404 page saying so', async () => {
    // Prepare
    const { authCallback } = await coldStart(['authCallback'], connectEnv(dynamo));

    // Act
    const res = await authCallback(sentTo('auth-callback-get', 'GET', '/calendar/auth/elsewhere'));

    // Assess
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe(NO_PAGE);
  });
});
