import { describe, expect, it } from 'vitest';
import {
  boundedId,
  callCountKey,
  DUE_SHARD,
  fromBookingItem,
  KEY_ID_MAX,
  MAX_CELLS,
  quotaKey,
  toBookingItem,
  toolCallKey,
  validateCells,
  wrongCodesKey,
} from '../../../functions/adapters/dynamo/booking-keys';
import { ValidationError } from '../../../functions/domain/errors';
import { booking } from './booking-fixtures';
import { thrown } from '../../support/thrown';

describe('Function: boundedId', () => {
  it('keeps an id up to KEY_ID_MAX characters as it is (the keys items already have)', () => {
    // Prepare
    const id = 'x'.repeat(KEY_ID_MAX);
    // Act
    const part = boundedId(id);
    // Assess
    expect(part).toBe(id);
    expect(toolCallKey('call-1/tc-1')).toEqual({ pk: 'TOOLCALL#call-1/tc-1', sk: 'TOOLCALL' });
  });

  it('keys a longer id by its SHA-256, the same for the same id and different for another', () => {
    // Prepare
    const long = 'c'.repeat(4096);
    // Act
    const parts = [boundedId(long), boundedId(long), boundedId(`${long}d`)];
    // Assess
    expect(parts[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parts[1]).toBe(parts[0]);
    expect(parts[2]).not.toBe(parts[0]);
    for (const key of [toolCallKey(long), wrongCodesKey(long), callCountKey(long)]) {
      expect(Buffer.byteLength(key.pk)).toBeLessThan(100);
    }
  });
});

describe('Function: validateCells', () => {
  it('refuses a cell list out of bounds, with bad cells or a repeated cell, saying which and why', () => {
    // Act
    const errors = [
      thrown(() => validateCells([])),
      thrown(() => validateCells([1, 2, 3], { min: 0, max: 2 })),
      thrown(() => validateCells([1.5])),
      thrown(() => validateCells([-1])),
      thrown(() => validateCells([7, 7])),
    ];
    // Assess
    expect(errors).toEqual([
      new ValidationError('A booking must cover 1 to 99 lock cells, got 0', 'cells'),
      new ValidationError('A booking must cover 0 to 2 lock cells, got 3', 'cells'),
      new ValidationError('Lock cells must be epoch-ms integers', 'cells'),
      new ValidationError('Lock cells must be epoch-ms integers', 'cells'),
      new ValidationError('Lock cells must be distinct', 'cells'),
    ]);
    expect(errors.map((e) => (e as ValidationError).reason)).toEqual(['cells', 'cells', 'cells', 'cells', 'cells']);
  });

  it('takes the epoch itself (cell 0) and a full transaction of MAX_CELLS cells', () => {
    // Prepare
    const full = Array.from({ length: MAX_CELLS }, (_, i) => i * 900_000);
    // Act
    const errors = [thrown(() => validateCells([0])), thrown(() => validateCells(full))];
    // Assess
    expect(errors).toEqual([undefined, undefined]);
  });
});

describe('Function: quotaKey', () => {
  it('refuses a caller key or day holding #, which could collide with another key', () => {
    // Act
    const errors = [
      thrown(() => quotaKey('m-1', 'ab#c', '2030-06-01')),
      thrown(() => quotaKey('m-1', 'abc', '2030#06')),
    ];
    // Assess
    for (const error of errors) expect(error).toMatchObject({ message: 'Quota key parts hold no #', reason: 'quota' });
    expect(quotaKey('m#1', 'abc', '2030-06-01')).toEqual({ pk: 'QUOTA#m#1#abc#2030-06-01', sk: 'QUOTA' });
  });
});

describe('Function: toBookingItem', () => {
  it('puts a record with a due time in the due index, and one without out of it', () => {
    // Prepare
    const record = booking('b-due', '2030-06-02T15:00:00Z', '2030-06-02T15:30:00Z');
    // Act
    const due = toBookingItem({ ...record, dueAtMs: 42 });
    const notDue = toBookingItem(record);
    // Assess
    expect(due).toMatchObject({ type: 'booking', dueShard: DUE_SHARD, dueAtMs: 42 });
    expect(notDue.type).toBe('booking');
    expect(Object.keys(notDue)).not.toContain('dueShard');
    expect(Object.keys(notDue)).not.toContain('dueAtMs');
    expect(fromBookingItem(notDue)).toEqual(record);
  });
});
