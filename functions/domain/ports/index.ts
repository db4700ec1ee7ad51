/** Narrow ports through which the pure domain talks to the world. Adapters live in functions/adapters. */
export type * from './bookings';
export { BUSY_FIELDS, SETTLE_MARGIN_MS } from './bookings';
export type * from './calendar';
export { DEFAULT_CALENDAR_ID } from './calendar';
export type * from './connections';
export { versionsOf } from './connections';
export type * from './keeper';
export type * from './log';
export type * from './metrics';
export type * from './providers';
export type * from './security';
export type * from './busy-cache';
