import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useDynamoTables, type DynamoTables } from '../support/dynamo';
import { captureOutput } from '../integration/log-capture';
import { coldStart, failureLines, GENERIC_5XX, httpEvent, refusingEndpoint, STACK_TRACE } from './invoke';

const ADMIN_TOKEN = randomBytes(24).toString('base64url');
const ADMIN_TOKEN_ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/admin-token-AbCdEf';

/** GET /calendar/auth/status with the admin bearer token and the given query. */
const statusEvent = (query: Record<string, string | undefined> = { manager: 'pat' }) =>
  httpEvent('status-get', { query, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

describe('Handler: status', () => {
  let dynamo: DynamoTables;
  const secretsManager = mockClient(SecretsManagerClient);

  beforeAll(async () => {
    dynamo = await useDynamoTables();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    secretsManager.reset();
  });
  afterAll(() => secretsManager.restore());

  describe('5xx', () => {
    it('answers 500 with a generic JSON error when DynamoDB refuses the connection, and logs the reason', async () => {
      // Prepare
      const logs = captureOutput();
      const { status } = await coldStart(['status'], {
        ADMIN_TOKEN,
        CONNECTIONS_TABLE: 'connections',
        SETTINGS_TABLE: 'settings',
        BOOKINGS_TABLE: 'bookings',
        DYNAMODB_ENDPOINT: await refusingEndpoint(),
      });

      // Act
      const res = await status(statusEvent()).finally(logs.stop);

      // Assess
      expect(res.statusCode).toBe(500);
      expect(res.headers?.['content-type']).toBe('application/json');
      expect(JSON.parse(res.body!)).toEqual({ error: GENERIC_5XX });
      const [line, ...more] = failureLines(logs.entries());
      expect(more).toEqual([]);
      expect(line).toMatchObject({ level: 'ERROR', status: 500, reason: expect.stringMatching(/ECONNREFUSED/) });
      expect(res.body).not.toContain(line!.reason);
      expect(res.body).not.toMatch(STACK_TRACE);
      expect(res.body).not.toContain(ADMIN_TOKEN);
      expect(logs.text()).not.toContain(ADMIN_TOKEN);
    });

    it('answers 500 when Secrets Manager cannot hand out the admin token, without the AWS error text', async () => {
      // Prepare
      const denied = `User is not authorized to perform secretsmanager:GetSecretValue on resource ${ADMIN_TOKEN_ARN}`;
      const error = Object.assign(new Error(denied), { name: 'AccessDeniedException' });
      secretsManager.on(GetSecretValueCommand).rejects(error);
      const logs = captureOutput();
      const { status } = await coldStart(['status'], {
        ADMIN_TOKEN_ARN,
        CONNECTIONS_TABLE: dynamo.tables.connections,
        SETTINGS_TABLE: dynamo.tables.settings,
        BOOKINGS_TABLE: dynamo.tables.bookings,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
      });

      // Act
      const res = await status(statusEvent()).finally(logs.stop);

      // Assess
      expect(res.statusCode).toBe(500);
      expect(JSON.parse(res.body!)).toEqual({ error: GENERIC_5XX });
      expect(res.body).not.toContain('secretsmanager');
      expect(res.body).not.toMatch(STACK_TRACE);
      expect(failureLines(logs.entries())).toEqual([
        expect.objectContaining({ status: 500, error: 'AccessDeniedException', reason: denied }),
      ]);
    });
  });

  describe('4xx', () => {
    it.each([
      ['absent', {}],
      ['empty', { manager: '' }],
      ['blank', { manager: '  ' }],
    ])('answers 400 naming the manager parameter when it is %s, and reads no connection', async (_, query) => {
      // Prepare
      const logs = captureOutput();
      const { status } = await coldStart(['status'], {
        ADMIN_TOKEN,
        CONNECTIONS_TABLE: dynamo.tables.connections,
        SETTINGS_TABLE: dynamo.tables.settings,
        BOOKINGS_TABLE: dynamo.tables.bookings,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
      });

      // Act
      const res = await status(statusEvent(query)).finally(logs.stop);

      // Assess
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body!)).toEqual({ error: 'The manager query parameter is required.' });
      expect(failureLines(logs.entries())).toEqual([]);
    });

    it('answers 200 for a manager with no connection (the same setup, with the parameter)', async () => {
      // Prepare
      const { status } = await coldStart(['status'], {
        ADMIN_TOKEN,
        CONNECTIONS_TABLE: dynamo.tables.connections,
        SETTINGS_TABLE: dynamo.tables.settings,
        BOOKINGS_TABLE: dynamo.tables.bookings,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
      });

      // Act
      const res = await status(statusEvent({ manager: 'pat' }));

      // Assess
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body!)).toMatchObject({ managerId: 'pat', connected: false, provider: null });
    });

    it('answers 401 before looking at the query when the bearer token is wrong', async () => {
      // Prepare
      const { status } = await coldStart(['status'], {
        ADMIN_TOKEN,
        CONNECTIONS_TABLE: dynamo.tables.connections,
        SETTINGS_TABLE: dynamo.tables.settings,
        BOOKINGS_TABLE: dynamo.tables.bookings,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
      });
      const event = httpEvent('status-get', { query: {}, headers: { authorization: 'Bearer not-the-token' } });

      // Act
      const res = await status(event);

      // Assess
      expect(res.statusCode).toBe(401);
      expect(JSON.parse(res.body!)).toEqual({ error: 'A valid admin bearer token is required.' });
    });
  });
});
