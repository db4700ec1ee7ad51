/** The webhook's "tool calls answered" line counts only the calls that failed as errors, on a manager's real hours. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DynamoTables, useDynamoTables } from '../support/dynamo';
import { seedManager } from './admin-support';
import { line, startWebhook, toolCall } from './webhook-support';

describe('Handler: vapiWebhook answer count', () => {
  let dynamo: DynamoTables;

  beforeAll(async () => {
    dynamo = await useDynamoTables();
    // No calendar, hours only: get_availability offers slots from the hours, with no provider to reach.
    await seedManager(dynamo, 'demo-manager', [], { workingHours: 'mon-sun 00:00-24:00', timeZone: 'UTC' });
  });
  afterAll(() => vi.unstubAllEnvs());

  it('logs two calls answered and one error when one call is answered and the other fails', async () => {
    // Prepare
    const send = await startWebhook({
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      CONNECTIONS_TABLE: dynamo.tables.connections,
      SETTINGS_TABLE: dynamo.tables.settings,
      BOOKINGS_TABLE: dynamo.tables.bookings,
      OAUTH_STATE_TABLE: dynamo.tables.oauthState,
    });

    // Act
    const sent = await send({
      type: 'tool-calls',
      call: { id: 'call-count-1' },
      toolCallList: [toolCall('tc-1', 'get_availability'), toolCall('tc-2', 'no_such_tool')],
    });

    // Assess
    const [answered, failed] = JSON.parse(sent.res.body!).results;
    expect(answered).toMatchObject({ toolCallId: 'tc-1', result: expect.any(String) });
    expect(failed).toMatchObject({ toolCallId: 'tc-2', error: expect.any(String) });
    expect(line(sent, 'tool calls answered')).toMatchObject({ count: 2, errors: 1 });
  });
});
