import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import { withReconnectFlag } from '../../../functions/domain/scheduling/calendar-reads';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryMetrics } from '../../fakes/metrics';
import { MemoryConnectionStore } from '../../fakes/stores';

const NOW = Date.parse('2026-11-23T14:00:00Z');

/** One manager with one connection, and the figures recorded. */
async function setup() {
  const connections = new MemoryConnectionStore();
  const connection = fakeConnection('conn-1');
  await connections.save(managerRecord('mgr', [connection]), undefined);
  const metrics = new MemoryMetrics();
  return { connections, connection, metrics, deps: { connections, metrics, clock: () => NOW } };
}

describe('Function: withReconnectFlag', () => {
  it('marks the connection and counts ReconnectRequired by provider only when the grant is refused', async () => {
    // Prepare
    const { connections, connection, metrics, deps } = await setup();
    // Act
    const run = withReconnectFlag('mgr', connection, deps, async () => {
      throw new ReconnectRequiredError('revoked');
    });
    // Assess
    await expect(run).rejects.toBeInstanceOf(ReconnectRequiredError);
    expect((await connections.get('mgr'))!.connections[0]!.needsReconnect).toBe(true);
    expect(metrics.figures).toEqual([{ name: 'ReconnectRequired', value: 1, dimensions: { provider: 'fake' } }]);
  });

  it('counts nothing for another failure, nor for a success', async () => {
    // Prepare
    const { connection, metrics, deps } = await setup();
    // Act
    const failed = withReconnectFlag('mgr', connection, deps, async () => {
      throw new ProviderUnavailableError('down');
    });
    const answered = await withReconnectFlag('mgr', connection, deps, async () => 'ok');
    // Assess
    await expect(failed).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(answered).toBe('ok');
    expect(metrics.figures).toEqual([]);
  });

  it('counts nothing when the mark could not be stored (connection gone), and still throws the refusal', async () => {
    // Prepare
    const { connection, metrics, deps } = await setup();
    const gone = { ...connection, connectionId: 'conn-deleted' };
    // Act
    const run = withReconnectFlag('mgr', gone, deps, async () => {
      throw new ReconnectRequiredError('revoked');
    });
    // Assess
    await expect(run).rejects.toBeInstanceOf(ReconnectRequiredError);
    expect(metrics.figures).toEqual([]);
  });
});
