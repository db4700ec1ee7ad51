/**
 * finishCallback over a stand-in finishConnect: the time budget it hands the exchange (the function's own budget,
 * cut to what the Lambda has left less 1 s, never under 1 s), and how an unnamed failure (500) is logged.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { finishConnect } from '../../functions/domain/connect/finish-connect';
import { finishCallback } from '../../functions/handlers/connect/callback-routes';
import type { ConnectFinishDeps } from '../../functions/runtime/compose-connect';
import { logger } from '../../functions/runtime/logger';
import { lambdaContext } from '../../local/api-gateway-event';
import { captureOutput } from '../integration/log-capture';
import { BASE_URL, INVITE_SIGNING_KEY } from './connect-support';
import { httpEvent } from './invoke';

vi.mock('../../functions/domain/connect/finish-connect', () => ({ finishConnect: vi.fn() }));

const exchange = vi.mocked(finishConnect);
const DEPS = {
  budgetMs: 8_000,
  inviteSigningKey: INVITE_SIGNING_KEY,
  secureCookies: true,
  publicBaseUrl: BASE_URL,
  clock: () => Date.parse('2026-12-01T10:00:00Z'),
} as unknown as ConnectFinishDeps;

/** The callback with `remainingMs` left in the Lambda; the logs it wrote. */
async function callback(remainingMs: number) {
  const logs = captureOutput();
  const context = { ...lambdaContext('authCallback', 10_000), getRemainingTimeInMillis: () => remainingMs };
  const event = httpEvent('auth-callback-get', { query: { state: 's1', code: 'c1' } });
  const res = await finishCallback(event, context, DEPS).finally(logs.stop);
  return { res, logs: logs.entries() };
}

describe('Function: finishCallback', () => {
  afterEach(() => exchange.mockReset());

  it('gives the exchange its own budget, or what the Lambda has left less 1 s, but never less than 1 s', async () => {
    // Prepare
    exchange.mockRejectedValue(new Error('stop here'));
    const budgets: number[] = [];

    // Act
    for (const remainingMs of [20_000, 5_000, 1_500]) {
      await callback(remainingMs);
      budgets.push(exchange.mock.lastCall![1].budgetMs);
    }

    // Assess
    expect(budgets).toEqual([8_000, 4_000, 1_000]);
  });

  it('logs an unnamed failure of the exchange (500) at ERROR as a failed request, and still answers 303', async () => {
    // Prepare
    logger.setLogLevel('INFO');
    exchange.mockRejectedValue(new Error('socket hang up'));

    // Act
    const { res, logs } = await callback(20_000);

    // Assess
    expect(res.statusCode).toBe(303);
    expect(logs.map((line) => [line.level, line.message, line.status])).toEqual([['ERROR', 'request failed', 500]]);
  });
});
