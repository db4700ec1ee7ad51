import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { captureOutput } from '../integration/log-capture';

type LoggerModule = typeof import('../../functions/runtime/logger');

describe('Module: runtime logger (loaded afresh: its logger and scoped writers are module-level)', () => {
  let mod: LoggerModule;
  beforeEach(async () => {
    vi.resetModules();
    mod = await import('../../functions/runtime/logger');
    mod.logger.setLogLevel('INFO');
  });

  it('names the service calendar-booking on every line, at the level each writer says', () => {
    // Prepare
    const logs = captureOutput();
    onTestFinished(logs.stop);

    // Act
    mod.currentLogger().info('an info');
    mod.currentLogger().warn('a warning');
    mod.currentLogger().error('an error');

    // Assess
    expect(logs.entries().map((line) => [line.level, line.message, line.service])).toEqual([
      ['INFO', 'an info', 'calendar-booking'],
      ['WARN', 'a warning', 'calendar-booking'],
      ['ERROR', 'an error', 'calendar-booking'],
    ]);
  });

  it('writes debug lines as DEBUG once the level lets them through', () => {
    // Prepare
    const logs = captureOutput();
    onTestFinished(logs.stop);
    mod.logger.setLogLevel('DEBUG');

    // Act
    mod.withLogKeys({ callId: 'c1' }, () => mod.currentLogger().debug('a debug', { step: 1 }));

    // Assess
    expect(logs.entries().map((line) => [line.level, line.message, line.callId, line.step])).toEqual([
      ['DEBUG', 'a debug', 'c1', 1],
    ]);
  });

  it("writes msal-node's lines as ERROR or WARN, prefixed msal:", () => {
    // Prepare
    const logs = captureOutput();
    onTestFinished(logs.stop);

    // Act
    mod.msalLog('error', 'token endpoint unreachable');
    mod.msalLog('warning', 'cache miss');

    // Assess
    expect(logs.entries().map((line) => [line.level, line.message])).toEqual([
      ['ERROR', 'msal: token endpoint unreachable'],
      ['WARN', 'msal: cache miss'],
    ]);
  });

  it('keeps an outer key that a nested scope leaves undefined', () => {
    // Prepare
    const logs = captureOutput();
    onTestFinished(logs.stop);

    // Act
    mod.withLogKeys({ managerId: 'm1' }, () =>
      mod.withLogKeys({ managerId: undefined, toolCallId: 't1' }, () => mod.currentLogger().info('nested')),
    );

    // Assess
    expect(logs.entries()[0]).toMatchObject({ message: 'nested', managerId: 'm1', toolCallId: 't1' });
  });
});

describe('Module: runtime logger, loaded in a bundle', () => {
  afterEach(() => {
    vi.doUnmock('../../functions/runtime/stack-traces');
    vi.resetModules();
  });

  it("maps the bundle's stack traces as it loads (every handler's bundle holds the logger)", async () => {
    // Prepare: the bundle a handler runs from (test/runtime/stack-traces.test.ts checks the mapping itself).
    const mapStacksLazily = vi.fn(() => true);
    vi.resetModules();
    vi.doMock('../../functions/runtime/stack-traces', () => ({
      bundleFile: () => '/var/task/index.js',
      mapStacksLazily,
    }));

    // Act
    await import('../../functions/runtime/logger');

    // Assess
    expect(mapStacksLazily).toHaveBeenCalledWith('/var/task/index.js');
  });
});
