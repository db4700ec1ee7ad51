/** How a move splits a booking's cells into taken, kept and freed, and the move it refuses. */
import { describe, expect, it } from 'vitest';
import { assertNewStart, splitCells } from '../../../functions/adapters/dynamo/move-plan';
import { ValidationError } from '../../../functions/domain/errors';
import type { BookingRecord } from '../../../functions/domain/ports';

describe('Function: splitCells', () => {
  it('takes the new cells, keeps the shared ones and frees only the cells the new time leaves', () => {
    // Act
    const split = splitCells([1, 2, 3], [2, 3, 4]);
    // Assess
    expect(split).toEqual({ added: [4], kept: [2, 3], dropped: [1] });
  });

  it('a booking holding no cells takes all the new ones and frees none', () => {
    // Act
    const split = splitCells(undefined, [5, 6]);
    // Assess
    expect(split).toEqual({ added: [5, 6], kept: [], dropped: [] });
  });
});

describe('Function: assertNewStart', () => {
  it('refuses a move to the same start with a ValidationError of reason "move"', () => {
    // Prepare
    const booking = { startMs: 1_000 } as BookingRecord;
    // Act
    const error = (() => {
      try {
        assertNewStart(booking, 1_000);
      } catch (e) {
        return e as ValidationError;
      }
    })();
    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect([error?.message, error?.reason]).toEqual(['A move must change the start of the booking', 'move']);
    expect(() => assertNewStart(booking, 2_000)).not.toThrow();
  });
});
