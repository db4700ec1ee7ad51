import { describe, expect, it, vi } from 'vitest';
import { ProviderUnavailableError } from '../../functions/domain/errors';
import type { CalendarModule, CalendarProvider, ProviderShared } from '../../functions/domain/ports';
import { buildCalendars, CALENDAR_MODULES } from '../../functions/runtime/calendar-registry';
import { PROVIDER_IDS } from '../../functions/runtime/provider-registry';
import { MemoryConnectionStore } from '../fakes/stores';

const shared = (): ProviderShared => ({
  connections: new MemoryConnectionStore(),
  cipher: { seal: vi.fn(), open: vi.fn() },
  secrets: { get: vi.fn(async () => 'secret') },
  log: { warn: vi.fn(), error: vi.fn() },
  clock: Date.now,
});

/** A calendar module over one fixed provider, offered when ACME_URL is set. */
function acme(calendars: CalendarProvider) {
  const createAccess = vi.fn(async () => ({ open: () => calendars }));
  const module: CalendarModule<string> = { id: 'acme', readConfig: (env) => env.ACME_URL, createAccess };
  return { module, createAccess };
}

describe('Function: buildCalendars', () => {
  it('opens connections of the configured providers through their calendar modules', async () => {
    // Prepare
    const calendars = { listCalendars: vi.fn() } as unknown as CalendarProvider;
    const { module, createAccess } = acme(calendars);
    // Act
    const access = await buildCalendars({ ACME_URL: 'https://acme.example' }, shared(), [module]);
    // Assess
    expect(access.open('mgr-1', { provider: 'acme' } as never)).toBe(calendars);
    expect(createAccess).toHaveBeenCalledWith('https://acme.example', expect.anything());
  });

  it('answers every call of an unconfigured provider with ProviderUnavailableError', async () => {
    // Prepare
    const { module, createAccess } = acme({} as CalendarProvider);
    // Act
    const access = await buildCalendars({}, shared(), [module]);
    const reading = access.open('mgr-1', { provider: 'acme' } as never).listCalendars({ at: Date.now() + 1_000 });
    // Assess
    await expect(reading).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(reading).rejects.toThrow('Provider acme is not configured in this deployment');
    expect(createAccess).not.toHaveBeenCalled();
  });

  it('has a calendar side for every provider the connect flow offers', () => {
    // Act & Assess
    expect(CALENDAR_MODULES.map((m) => m.id)).toEqual(PROVIDER_IDS);
  });
});
