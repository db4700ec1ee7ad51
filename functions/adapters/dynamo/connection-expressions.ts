/**
 * The update and condition expressions of DynamoConnectionStore. Every attribute name goes through a placeholder:
 * connection ids are map keys, and `schema`, `connections` and friends may be reserved words.
 */
import type { ManagerConnections, ReadVersions } from '../../domain/ports';
import { SCHEMA_VERSION, toConnectionsMap } from './connection-item';

/** One write's expressions, with its placeholders. */
export interface Expression {
  update?: string;
  condition: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** The command fields of an expression (DynamoDB refuses empty name or value maps, so those are left out). */
export function commandFields(e: Expression) {
  return {
    ...(e.update ? { UpdateExpression: e.update } : {}),
    ConditionExpression: e.condition,
    ...(e.names && Object.keys(e.names).length ? { ExpressionAttributeNames: e.names } : {}),
    ...(e.values && Object.keys(e.values).length ? { ExpressionAttributeValues: e.values } : {}),
  };
}

/**
 * Nothing changed since `expected` was read: no item at all, or the same revision and, for every connection read
 * that the record keeps, the same credential version (so a token write-back since the read fails the save). Alone,
 * it is the condition of the DeleteItem of a record left without connections.
 */
export function unchangedExpression(record: ManagerConnections, expected: ReadVersions | undefined): Expression {
  if (!expected) return { condition: 'attribute_not_exists(managerId)' };
  const kept = new Set(record.connections.map((c) => c.connectionId));
  const checked = Object.entries(expected.versions).filter(([id]) => kept.has(id));
  const parts = ['#revision = :expectedRevision', ...checked.map((_, i) => `#connections.#c${i}.#version = :v${i}`)];
  return {
    condition: parts.join(' AND '),
    names: {
      '#revision': 'revision',
      ...(checked.length ? { '#connections': 'connections', '#version': 'version' } : {}),
      ...Object.fromEntries(checked.map(([id], i) => [`#c${i}`, id])),
    },
    values: {
      ':expectedRevision': expected.revision,
      ...Object.fromEntries(checked.map(([, version], i) => [`:v${i}`, version])),
    },
  };
}

/**
 * Writes the whole record, at `record.revision + 1`, if it is unchanged since `expected`. `writeId` marks this write,
 * so a retried attempt that fails its condition can tell that its first attempt landed.
 */
export function saveExpression(
  record: ManagerConnections,
  expected: ReadVersions | undefined,
  writeId: string,
): Expression {
  const unchanged = unchangedExpression(record, expected);
  return {
    update: 'SET #schema = :schema, #revision = :nextRevision, #connections = :connections, #writeId = :writeId',
    condition: unchanged.condition,
    names: {
      ...unchanged.names,
      '#schema': 'schema',
      '#revision': 'revision',
      '#connections': 'connections',
      '#writeId': 'writeId',
    },
    values: {
      ...unchanged.values,
      ':writeId': writeId,
      ':schema': SCHEMA_VERSION,
      ':nextRevision': record.revision + 1,
      ':connections': toConnectionsMap(record.connections),
    },
  };
}

/** Swaps one connection's credentials if its version is still `expected` (fails too when it is gone). */
export function credentialsExpression(connectionId: string, sealed: string, expected: number): Expression {
  return {
    update: 'SET #connections.#c.#credentials = :sealed, #connections.#c.#version = :next',
    condition: '#connections.#c.#version = :expected',
    names: { '#connections': 'connections', '#c': connectionId, '#credentials': 'credentials', '#version': 'version' },
    values: { ':sealed': sealed, ':next': expected + 1, ':expected': expected },
  };
}

/**
 * SETs the defined fields of one connection and REMOVEs the undefined ones, if that connection exists (without the
 * condition an UpdateItem would create a half-empty connection, or fail on a missing map).
 */
export function connectionFieldsExpression(connectionId: string, fields: Record<string, unknown>): Expression {
  const entries = Object.entries(fields);
  const path = (i: number) => `#connections.#c.#f${i}`;
  const set = entries.flatMap(([, value], i) => (value === undefined ? [] : [`${path(i)} = :f${i}`]));
  const remove = entries.flatMap(([, value], i) => (value === undefined ? [path(i)] : []));
  return {
    update: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : '']
      .filter(Boolean)
      .join(' '),
    condition: 'attribute_exists(#connections.#c)',
    names: {
      '#connections': 'connections',
      '#c': connectionId,
      ...Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
    },
    values: Object.fromEntries(entries.flatMap(([, value], i) => (value === undefined ? [] : [[`:f${i}`, value]]))),
  };
}
