import { beforeEach, describe, expect, it, vi } from 'vitest';
import { secretsFor } from '../../functions/runtime/factories';

describe('Module: provider registry (loaded afresh: its id list is module-level)', () => {
  beforeEach(() => vi.resetModules());

  it('lists every provider id, in the order the connect page offers them', async () => {
    // Act
    const { PROVIDER_IDS } = await import('../../functions/runtime/provider-registry');

    // Assess
    expect(PROVIDER_IDS).toEqual(['microsoft', 'google']);
  });
});

describe('Function: secretsFor', () => {
  it('keeps the refs of the names it was given as they were configured at the cold start', async () => {
    // Prepare
    const env: Record<string, string | undefined> = { VAPI_SECRET: 'at-cold-start' };
    const secrets = secretsFor(env, ['vapiSecret']);
    env.VAPI_SECRET = 'changed-later';

    // Act
    const value = await secrets.get('vapiSecret');

    // Assess
    expect(value).toBe('at-cold-start');
  });
});
