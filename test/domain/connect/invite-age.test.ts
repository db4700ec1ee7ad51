import { describe, expect, it } from 'vitest';
import { inviteOlderThan } from '../../../functions/domain/connect/invite-age';

const at = (iso: string) => ({ connectedAt: iso });
const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('Function: inviteOlderThan', () => {
  it('is true when the invite was issued before any of the connections, false when after all of them', () => {
    // Prepare
    const connections = [at('2026-12-01T10:00:00.000Z'), at('2026-12-01T12:00:00.000Z')];

    // Act
    const between = inviteOlderThan(seconds('2026-12-01T11:00:00Z'), connections);
    const after = inviteOlderThan(seconds('2026-12-01T13:00:00Z'), connections);

    // Assess
    expect(between).toBe(true);
    expect(after).toBe(false);
  });

  it('counts a link made in the same second as a connection as not older (invites carry whole seconds)', () => {
    // Act
    const same = inviteOlderThan(seconds('2026-12-01T10:00:00Z'), [at('2026-12-01T10:00:00.900Z')]);

    // Assess
    expect(same).toBe(false);
  });

  it('counts an unknown issue time or an unreadable connection time as older (refusing is the safe side)', () => {
    // Act
    const noTime = inviteOlderThan(undefined, [at('2026-12-01T10:00:00.000Z')]);
    const badDate = inviteOlderThan(seconds('2026-12-01T10:00:00Z'), [at('yesterday')]);

    // Assess
    expect([noTime, badDate]).toEqual([true, true]);
  });

  it('is false with no connections: a first connect is guarded by the invite binding instead', () => {
    // Act & Assess
    expect(inviteOlderThan(0, [])).toBe(false);
  });
});
