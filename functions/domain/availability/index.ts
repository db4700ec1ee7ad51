/** The pure availability engine: free slots, speakable options, the booking start check. */
export { blocksTime, busyIntervals, occupiedInterval, overlapsBusy } from './busy';
export {
  checkRequestedStart,
  parseStartText,
  type ParsedStart,
  type StartCheck,
  type StartRejection,
} from './check-start';
export { aroundWindow, nearestSlots, spreadOptions } from './choose';
export {
  findAvailability,
  type AvailabilityAnswer,
  type AvailabilityRequest,
  type TimeOfDay,
} from './find-availability';
export {
  isoWithOffset,
  joinOr,
  spokenClock,
  spokenDate,
  spokenCount,
  spokenMinutes,
  spokenTime,
  toSlotOption,
} from './format';
export { alignedStarts } from './aligned-starts';
export { closestSentence, nothingOpenSentence, offerSentence } from './messages';
export { bookingWindow, freeSlots, MAX_SLOT_MINUTES, searchRange, slotMinutesFor, type BookingWindow } from './slots';
export { parseClock, withinWorkingHours, workingWindows } from './working-hours';
