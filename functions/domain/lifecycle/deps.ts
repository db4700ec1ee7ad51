/** What the lifecycle tools need: the booking tools' dependencies plus how long a hold lasts. */
import type { BookingDeps } from '../scheduling/booking-tool';

export interface LifecycleDeps extends BookingDeps {
  /** How long hold_slot keeps a slot (HOLD_MINUTES, default 5). */
  holdMinutes?: number;
}

/** Default of HOLD_MINUTES, as Cal.com's reservations. */
export const DEFAULT_HOLD_MINUTES = 5;
