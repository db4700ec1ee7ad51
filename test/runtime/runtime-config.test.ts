import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../functions/runtime/config';
import { readRuntimeConfig } from '../../functions/runtime/runtime-config';
import { thrown } from '../support/thrown';

describe('Function: readRuntimeConfig', () => {
  it('reads every setting an operator gives', () => {
    // Act
    const config = readRuntimeConfig({
      DEFAULT_TIME_ZONE: 'Europe/London',
      WEBHOOK_BUDGET_MS: '9000',
      INVITE_TTL_HOURS: '48',
      MAILBOX_REFRESH_HOURS: '6',
      MAX_BOOKINGS_PER_CALLER_PER_DAY: '5',
      LOG_LEVEL: 'debug',
      POWERTOOLS_METRICS_NAMESPACE: 'Bookings',
    });

    // Assess
    expect(config).toMatchObject({
      webhookBudgetMs: 9000,
      inviteTtlHours: 48,
      mailboxRefreshHours: 6,
      callerDailyCap: 5,
      logLevel: 'DEBUG',
      metricsNamespace: 'Bookings',
    });
    expect(config.booking.timeZone).toBe('Europe/London');
  });

  it('names every bad variable at once, one line each', () => {
    // Prepare
    const bad = {
      DEFAULT_TIME_ZONE: 'Mars/Olympus',
      WEBHOOK_BUDGET_MS: 'fast',
      INVITE_TTL_HOURS: '0',
      MAILBOX_REFRESH_HOURS: 'never',
      MAX_BOOKINGS_PER_CALLER_PER_DAY: '1000',
      LOG_LEVEL: 'LOUD',
      POWERTOOLS_METRICS_NAMESPACE: 'has spaces and / slashes!',
    };

    // Act
    const error = thrown(() => readRuntimeConfig(bad));

    // Assess: seven lines, each naming its own variable.
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).message.split('\n');
    expect(lines).toHaveLength(Object.keys(bad).length);
    for (const name of Object.keys(bad)) expect(lines.filter((line) => line.includes(name))).toHaveLength(1);
  });
});
