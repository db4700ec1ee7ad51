import { describe, expect, it } from 'vitest';
import { parseGraphBody } from '../../../functions/adapters/microsoft/graph-errors';
import { fixture, graphHarness as setup, json } from './helpers';

describe('Class: GraphClient', () => {
  describe('Method: send (Graph error bodies → typed errors)', () => {
    // attempts: a transient status is retried up to the cap and mapped once the last attempt fails the same way.
    it.each([
      ['access-denied', 403, 'ReconnectRequiredError', undefined, 1],
      ['access-denied', 400, 'ProviderError', 'ErrorAccessDenied', 1],
      ['mailbox-not-enabled', 404, 'ProviderError', 'MailboxNotEnabledForRESTAPI', 1],
      ['mailbox-not-enabled', 403, 'ProviderError', 'MailboxNotEnabledForRESTAPI', 1],
      ['item-not-found', 404, 'NotFoundError', undefined, 1],
      ['irresolvable-conflict', 412, 'ProviderError', 'ErrorIrresolvableConflict', 1],
      ['duplicate-transaction', 400, 'DuplicateTransactionError', 'ErrorDuplicateTransactionId', 1],
      ['duplicate-transaction', 409, 'DuplicateTransactionError', 'ErrorDuplicateTransactionId', 1],
      ['service-unavailable', 500, 'ProviderUnavailableError', undefined, 3],
      ['service-unavailable', 501, 'ProviderUnavailableError', undefined, 1],
    ])('maps %s (%i) to %s', async (name, status, errorName, code, attempts) => {
      // Prepare
      const { client, http, deadline } = setup(json(status, fixture(name)));
      // Act
      const error = await client.send({ method: 'GET', path: '/me/events/x' }, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toMatchObject({ name: errorName });
      if (code) expect(error).toMatchObject({ status, code });
      expect(http.requests).toHaveLength(attempts);
      expect((error as Error).message).not.toMatch(/at-secret|Access is denied|not found in the store/);
    });

    it('keeps the Graph code and status of a denied mailbox on the reconnect error, for the log', async () => {
      // Prepare
      const { client, deadline } = setup(json(403, fixture('access-denied')));
      // Act
      const error = await client.send({ method: 'GET', path: '/me' }, deadline()).catch((e: unknown) => e);
      // Assess
      expect((error as Error).cause).toMatchObject({ name: 'ProviderError', status: 403, code: 'ErrorAccessDenied' });
    });

    it('derives a code from the status when the body is not a Graph envelope', async () => {
      // Prepare
      const { client, deadline } = setup(new Response('<html>bad gateway</html>', { status: 400 }));
      // Act
      const error = await client.send({ method: 'GET', path: '/me' }, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toMatchObject({ name: 'ProviderError', status: 400, code: 'Http400' });
    });

    it('rejects a success body that is not JSON without retrying', async () => {
      // Prepare
      const { client, http, deadline } = setup(new Response('not json', { status: 200 }));
      // Act
      const error = await client.send({ method: 'GET', path: '/me' }, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toMatchObject({ name: 'ProviderError', code: 'InvalidJson' });
      expect(http.requests).toHaveLength(1);
    });
  });

  describe('Function: parseGraphBody', () => {
    it('ignores an unreadable body of any status from 300, and names the status of an unreadable success', () => {
      // Act
      const redirect = parseGraphBody('<html>moved</html>', 300);
      const success = () => parseGraphBody('<html>ok</html>', 200);
      // Assess
      expect(redirect).toBeUndefined();
      expect(success).toThrow('Microsoft Graph answered 200 with a body that is not JSON');
    });
  });
});
