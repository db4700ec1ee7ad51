/** The BookingStore contract, written once: every invariant of functions/domain/ports/bookings.ts, for any store. */
import { describe } from 'vitest';
import type { BookingStore } from '../../functions/domain/ports';
import { useBookingScope, type BookingStoreOptions, type Setup } from './harness';
import { confirmReleaseContract } from './confirm-release.contract';
import { reserveContract } from './reserve.contract';
import { retireContract } from './retire.contract';
import { toolCallContract } from './tool-calls.contract';

/** Runs the whole BookingStore contract against the stores `setup` makes. */
export function bookingStoreContract(name: string, setup: Setup<BookingStore, BookingStoreOptions>): void {
  describe(`BookingStore contract: ${name}`, () => {
    const scope = useBookingScope(setup);
    describe('claimToolCall / completeToolCall / releaseToolCall', () => toolCallContract(scope));
    describe('reserve', () => reserveContract(scope));
    describe('confirm / release', () => confirmReleaseContract(scope));
    describe('retire / holderOf / listByManager', () => retireContract(scope));
  });
}
