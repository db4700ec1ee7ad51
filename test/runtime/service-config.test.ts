/** The service settings an operator may set: each variable read by its own name, within its limits. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type ServiceConfig = typeof import('../../functions/contract/service-config');
let config: ServiceConfig;

beforeEach(async () => {
  // The log levels are a module-level list: load it afresh.
  vi.resetModules();
  config = await import('../../functions/contract/service-config');
});

describe('Module: service config', () => {
  it('reads each variable by its name, up to its limit', () => {
    // Act + Assess
    expect(config.readWebhookBudgetMs({ WEBHOOK_BUDGET_MS: '18000' })).toBe(18_000);
    expect(config.readInviteTtlHours({ INVITE_TTL_HOURS: '168' })).toBe(168);
    expect(config.readMailboxRefreshHours({ MAILBOX_REFRESH_HOURS: '720' })).toBe(720);
    expect(config.readCallerDailyCap({ MAX_BOOKINGS_PER_CALLER_PER_DAY: '50' })).toBe(50);
  });

  it('refuses an invite link valid for more than a week', () => {
    // Act + Assess
    expect(() => config.readInviteTtlHours({ INVITE_TTL_HOURS: '169' })).toThrow(
      'INVITE_TTL_HOURS must be an integer from 1 to 168, got "169"',
    );
  });
});

describe('Function: readLogLevel', () => {
  it.each(['trace', 'debug', 'info', 'warn', 'error', 'critical', 'silent'])(
    'accepts %s, padded, in lower or upper case',
    (level) => {
      // Act + Assess
      expect(config.readLogLevel({ LOG_LEVEL: ` ${level} ` })).toBe(level.toUpperCase());
      expect(config.readLogLevel({ LOG_LEVEL: level.toUpperCase() })).toBe(level.toUpperCase());
    },
  );

  it('prefers POWERTOOLS_LOG_LEVEL and has no level when neither is set', () => {
    // Act + Assess
    expect(config.readLogLevel({ POWERTOOLS_LOG_LEVEL: 'Debug', LOG_LEVEL: 'ERROR' })).toBe('DEBUG');
    expect(config.readLogLevel({ POWERTOOLS_LOG_LEVEL: ' ', LOG_LEVEL: 'error' })).toBe('ERROR');
    expect(config.readLogLevel({})).toBeUndefined();
  });

  it('names the variable, the levels and the value for an unknown level', () => {
    // Act + Assess
    expect(() => config.readLogLevel({ POWERTOOLS_LOG_LEVEL: 'verbose' })).toThrow(
      'POWERTOOLS_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT, got "verbose"',
    );
    expect(() => config.readLogLevel({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL must be one of .*, got "loud"$/);
  });
});
