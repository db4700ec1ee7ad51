import { describe, expect, it } from 'vitest';
import { fixture, graphHarness as setup, json } from './helpers';

describe('Class: GraphClient', () => {
  describe('Method: send (Graph error bodies → typed errors)', () => {
    it.each([
      ['access-denied', 403, 'ProviderError', 'ErrorAccessDenied'],
      ['mailbox-not-enabled', 404, 'ProviderError', 'MailboxNotEnabledForRESTAPI'],
      ['mailbox-not-enabled', 403, 'ProviderError', 'MailboxNotEnabledForRESTAPI'],
      ['item-not-found', 404, 'NotFoundError', undefined],
      ['irresolvable-conflict', 412, 'ProviderError', 'ErrorIrresolvableConflict'],
      ['duplicate-transaction', 400, 'DuplicateTransactionError', 'ErrorDuplicateTransactionId'],
      ['duplicate-transaction', 409, 'DuplicateTransactionError', 'ErrorDuplicateTransactionId'],
      ['service-unavailable', 500, 'ProviderUnavailableError', undefined],
    ])('maps %s (%i) to %s', async (name, status, errorName, code) => {
      // Prepare
      const { client, http, deadline } = setup(json(status, fixture(name)));
      // Act
      const error = await client.send({ method: 'GET', path: '/me/events/x' }, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toMatchObject({ name: errorName });
      if (code) expect(error).toMatchObject({ status, code });
      expect(http.requests).toHaveLength(1);
      expect((error as Error).message).not.toMatch(/at-secret|Access is denied|not found in the store/);
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
});
