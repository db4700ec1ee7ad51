import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentLogger, logger, warnLogger, withLogKeys } from '../../functions/runtime/logger';

/** The JSON records the shared logger printed (POWERTOOLS_DEV routes it through the global console in tests). */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const spy = (text: unknown) => void lines.push(JSON.parse(String(text)) as Record<string, unknown>);
  for (const method of ['info', 'warn', 'error', 'log', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation(spy);
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe('Function: withLogKeys', () => {
  it("adds the scope's keys (and the correlation id) to every line, nested scopes adding theirs", async () => {
    // Prepare
    const lines = capture();
    logger.setLogLevel('INFO');
    // Act
    await withLogKeys(
      { callId: 'c1', managerId: 'm1', absent: undefined },
      async () => {
        currentLogger().info('outer');
        await withLogKeys({ toolCallId: 't1' }, async () => warnLogger.warn('inner', { extra: 1 }));
      },
      'c1',
    );
    currentLogger().info('outside');
    // Assess
    expect(lines[0]).toMatchObject({ message: 'outer', callId: 'c1', managerId: 'm1', correlation_id: 'c1' });
    expect(lines[0]).not.toHaveProperty('absent');
    expect(lines[1]).toMatchObject({ message: 'inner', callId: 'c1', toolCallId: 't1', extra: 1, level: 'WARN' });
    expect(lines[2]).not.toHaveProperty('callId');
  });

  it('keeps overlapping scopes apart', async () => {
    // Prepare
    const lines = capture();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    // Act
    await Promise.all(
      ['a', 'b'].map((id) =>
        withLogKeys({ callId: id }, async () => {
          await tick();
          currentLogger().info(`from ${id}`);
          await tick();
          warnLogger.error(`again ${id}`);
        }),
      ),
    );
    // Assess
    for (const line of lines) expect(String(line.message).endsWith(String(line.callId))).toBe(true);
    expect(lines).toHaveLength(4);
  });
});
