/**
 * How the connection store's own writes keep an item on the keeper's due-list (CONNECTIONS_KEEPER_INDEX): each sets the
 * constant shard and a due time no later than the true one. The keeper computes the exact time after its look and
 * writes it back; a due time that is too early only costs one look, one that is too late could let a grant lapse.
 */
import { CONNECTIONS_KEEPER_INDEX } from '../../contract/tables';
import type { Expression } from './connection-expressions';

/** The one value of the index's partition key: the list is small (one item per manager) and read oldest first. */
export const KEEPER_SHARD = 'due';

export const KEEPER_SHARD_ATTRIBUTE = CONNECTIONS_KEEPER_INDEX.partitionKey.name;
export const KEEPER_DUE_ATTRIBUTE = CONNECTIONS_KEEPER_INDEX.sortKey.name;

/**
 * `expression` plus the enrolment. `reset`: due at `dueMs` (a connect or a role change: the keeper looks again);
 * otherwise an item already listed keeps its due time (a touch only makes the true due time later) and one not yet
 * listed (written before the keeper existed) joins at `dueMs`.
 */
export function withKeeperEnrolment(expression: Expression, dueMs: number, reset: boolean): Expression {
  const due = reset ? '#keeperDue = :keeperDue' : '#keeperDue = if_not_exists(#keeperDue, :keeperDue)';
  const assignments = `#keeperShard = :keeperShard, ${due}`;
  const update = expression.update ?? '';
  const merged = /^SET /.test(update)
    ? `SET ${assignments}, ${update.slice(4)}`
    : `SET ${assignments}${update ? ` ${update}` : ''}`;
  return {
    ...expression,
    update: merged,
    names: { ...expression.names, '#keeperShard': KEEPER_SHARD_ATTRIBUTE, '#keeperDue': KEEPER_DUE_ATTRIBUTE },
    values: { ...expression.values, ':keeperShard': KEEPER_SHARD, ':keeperDue': dueMs },
  };
}
