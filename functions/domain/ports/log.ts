/** The one logger interface everything below the runtime accepts (Powertools Logger fits it structurally). */

/** Warnings for what an operator should look at, errors for what should raise an alarm. */
export interface Log {
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}
