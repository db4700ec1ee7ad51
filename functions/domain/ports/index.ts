/** Narrow ports through which the pure domain talks to the world. Adapters live in functions/adapters. */
export type * from './bookings';
export type * from './calendar';
export type * from './connections';
export type * from './log';
export type * from './security';
