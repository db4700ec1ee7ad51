/** BookingStore contract: tool-call claims (one claimant, leases), the first answer wins, release only unanswered. */
import { expect, it } from 'vitest';
import { T0, TOOL_CALL_LEASE_MS, type BookingScope } from './harness';

const DAY_MS = 86_400_000;

export function toolCallContract(s: BookingScope) {
  const tc = (name: string) => `${s.id}/${name}`;

  it('a second claim sees in_progress; once completed every claim sees done with that answer', async () => {
    // Prepare
    const answer = { result: '{"booked":true}' };
    // Act
    const first = await s.store.claimToolCall(tc('seq'), T0);
    const second = await s.store.claimToolCall(tc('seq'), T0 + 1_000);
    await s.store.completeToolCall(tc('seq'), answer, T0 + 2_000);
    const third = await s.store.claimToolCall(tc('seq'), T0 + 3_000);
    const pastTheLease = await s.store.claimToolCall(tc('seq'), T0 + 10 * TOOL_CALL_LEASE_MS);
    // Assess
    expect(first).toEqual({ claimed: true });
    expect(second).toEqual({ claimed: false, state: 'in_progress' });
    expect(third).toEqual({ claimed: false, state: 'done', answer });
    expect(pastTheLease).toEqual(third);
  });

  it('the first stored answer wins, and an error answer comes back as stored', async () => {
    // Prepare
    await s.store.claimToolCall(tc('twice'), T0);
    await s.store.completeToolCall(tc('twice'), { error: 'first' }, T0 + 1);
    // Act
    await s.store.completeToolCall(tc('twice'), { result: 'second' }, T0 + 2);
    // Assess
    const claim = await s.store.claimToolCall(tc('twice'), T0 + 3);
    expect(claim).toEqual({ claimed: false, state: 'done', answer: { error: 'first' } });
  });

  it('an unfinished claim blocks until its lease has passed, then may be claimed again (crashed Lambda)', async () => {
    // Prepare
    await s.store.claimToolCall(tc('crash'), T0);
    // Act
    const atLeaseEnd = await s.store.claimToolCall(tc('crash'), T0 + TOOL_CALL_LEASE_MS);
    const afterLease = await s.store.claimToolCall(tc('crash'), T0 + TOOL_CALL_LEASE_MS + 1);
    const reclaimed = await s.store.claimToolCall(tc('crash'), T0 + TOOL_CALL_LEASE_MS + 2);
    // Assess
    expect(atLeaseEnd).toEqual({ claimed: false, state: 'in_progress' });
    // Taken over from another invocation: what was read before this claim may predate its writes.
    expect(afterLease).toEqual({ claimed: true, contended: true });
    expect(reclaimed).toEqual({ claimed: false, state: 'in_progress' });
  });

  it('release drops an unanswered claim so a retry can run, but never a stored answer', async () => {
    // Prepare
    await s.store.claimToolCall(tc('rel'), T0);
    await s.store.claimToolCall(tc('done'), T0);
    await s.store.completeToolCall(tc('done'), { result: 'kept' }, T0);
    // Act
    await s.store.releaseToolCall(tc('rel'));
    await s.store.releaseToolCall(tc('done'));
    await s.store.releaseToolCall(tc('never-claimed'));
    // Assess
    expect(await s.store.claimToolCall(tc('rel'), T0 + 1)).toEqual({ claimed: true });
    const answered = await s.store.claimToolCall(tc('done'), T0 + 1);
    expect(answered).toEqual({ claimed: false, state: 'done', answer: { result: 'kept' } });
    expect(await s.store.claimToolCall(tc('never-claimed'), T0 + 1)).toEqual({ claimed: true });
  });

  it('of 20 parallel claims of one id exactly one is claimed', async () => {
    // Act
    const claims = await Promise.all(Array.from({ length: 20 }, () => s.store.claimToolCall(tc('par'), T0)));
    // Assess
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    expect(claims.filter((c) => !c.claimed && c.state === 'in_progress')).toHaveLength(19);
  });

  it('an answer is replayed for a day; after that the id counts as new (the record has expired)', async () => {
    // Prepare
    await s.store.claimToolCall(tc('old'), T0);
    await s.store.completeToolCall(tc('old'), { result: 'stale' }, T0);
    // Act
    const aDayLater = await s.store.claimToolCall(tc('old'), T0 + DAY_MS);
    const later = await s.store.claimToolCall(tc('old'), T0 + DAY_MS + 2_000);
    // Assess
    expect(aDayLater).toMatchObject({ state: 'done', answer: { result: 'stale' } });
    expect(later).toEqual({ claimed: true });
  });
}
