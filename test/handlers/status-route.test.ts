/** GET /status?manager=: the manager it names is checked before any store is read. */
import { describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../functions/domain/errors';
import { connectionStatus } from '../../functions/handlers/admin/status-route';
import { httpEvent } from './invoke';

const withQuery = (query: Record<string, string>) => httpEvent('status-get', { query });

describe('Function: connectionStatus', () => {
  it('refuses a request without a manager, saying the parameter is required, and reads nothing', async () => {
    // Prepare
    const get = vi.fn();

    // Act
    const refusal = await connectionStatus(withQuery({}), { connections: { get } }).catch((e: unknown) => e);

    // Assess
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(refusal).toMatchObject({ message: 'The manager query parameter is required.', reason: 'manager_missing' });
    expect(get).not.toHaveBeenCalled();
  });

  it('refuses a manager id that is not one, and reads nothing', async () => {
    // Prepare
    const get = vi.fn(async () => undefined);

    // Act
    const refusal = await connectionStatus(withQuery({ manager: 'a b/../c' }), { connections: { get } }).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(get).not.toHaveBeenCalled();
  });
});
