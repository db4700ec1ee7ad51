/** The BookingStore contract, written once: every invariant of functions/domain/ports/bookings.ts, for any store. */
import { describe } from 'vitest';
import { bookingLimitsContract } from './booking-limits.contract';
import { busyRecordsContract } from './busy-records.contract';
import { confirmReleaseContract } from './confirm-release.contract';
import { countersContract } from './counters.contract';
import { dueListContract } from './due-list.contract';
import { type BookingSubject, useBookingScope } from './harness';
import { holdContract } from './hold.contract';
import { moveRacesContract } from './move-races.contract';
import { moveContract } from './move.contract';
import { relocateRetireContract } from './relocate-retire.contract';
import { reserveContract } from './reserve.contract';
import { retireContract } from './retire.contract';
import { tombstonesContract } from './tombstones.contract';
import { toolCallContract } from './tool-calls.contract';

/** Runs the whole BookingStore contract against the stores `setup` makes. */
export function bookingStoreContract(name: string, setup: () => Promise<BookingSubject>): void {
  describe(`BookingStore contract: ${name}`, () => {
    const scope = useBookingScope(setup);
    describe('claimToolCall / completeToolCall / releaseToolCall', () => toolCallContract(scope));
    describe('reserve', () => reserveContract(scope));
    describe('confirm / release', () => confirmReleaseContract(scope));
    describe('retire / holderOf / listByManager', () => retireContract(scope));
    describe('listBusy', () => busyRecordsContract(scope));
    describe('hold / convertHold / releaseHold', () => holdContract(scope));
    describe('beginMove / completeMove / abandonMove', () => moveContract(scope));
    describe('moves racing, and locks a cut-off move leaves', () => moveRacesContract(scope));
    describe('relocate / retire with history', () => relocateRetireContract(scope));
    describe('tombstones: nothing is deleted from the bookings', () => tombstonesContract(scope));
    describe('takeCallerQuota / returnCallerQuota / addWrongCode / wrongCodes', () => countersContract(scope));
    describe('reserve / convertHold limits, confirm with the answer', () => bookingLimitsContract(scope));
    describe('listDue / markUnsettled / voidPending / clearDue, and the per-call count', () => dueListContract(scope));
  });
}
