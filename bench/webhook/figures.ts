/** The shapes of one webhook bench run's figures: latency, provider round trips, I/O, KMS calls and memory. */
import type { IoFigures } from './io-summary';

export interface LatencyFigures {
  calls: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

export interface RoundTripFigures {
  /** Graph requests per call (calendarView, createEvent, …). */
  graphAvg: number;
  graphMax: number;
  /** Token-endpoint requests per call. */
  tokenAvg: number;
  tokenMax: number;
  /** Total requests per emulator route over the measured calls. */
  byRoute: Record<string, number>;
}

export interface KmsCount {
  generateDataKey: number;
  decrypt: number;
  total: number;
}

export interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
  /** heapUsed right after a full GC: the live heap, without garbage waiting to be collected. */
  liveHeapMb: number;
}

export interface WebhookFigures {
  calendar: { events: number; days: number };
  /** `calls` = `requested` measured calls + `harvest` calls made between bookings to find more free slots. */
  availability: LatencyFigures & {
    roundTrips: RoundTripFigures;
    /** Own-code time and sequential DynamoDB / provider round trips, traced in-process. */
    io: IoFigures;
    failed: number;
    requested: number;
    harvest: number;
  };
  booking: LatencyFigures & {
    roundTrips: RoundTripFigures;
    io: IoFigures;
    booked: number;
    notBooked: number;
    failed: number;
    requested: number;
    slotsRanOut: boolean;
  };
  /** Book → find → reschedule → cancel rounds (the booking calls are not counted here). */
  lifecycle: {
    find: LatencyFigures & { roundTrips: RoundTripFigures };
    reschedule: LatencyFigures & { roundTrips: RoundTripFigures };
    cancel: LatencyFigures & { roundTrips: RoundTripFigures };
    failures: string[];
  };
  kms: { cold: KmsCount; warmUp: KmsCount; warm: KmsCount };
  /** Provider requests during connect + the first tool call. */
  coldProvider: { graph: number; token: number; byRoute: Record<string, number> };
  memory: { before: MemorySample; after: MemorySample };
  /** One line per missed target (empty when all are met). */
  misses: string[];
}
