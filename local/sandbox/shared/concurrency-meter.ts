/** How many provider requests an emulator serves at once (tests assert a client's parallelism with it). */

/** Counts requests in flight; `max` is the highest count seen. */
export class ConcurrencyMeter {
  private current = 0;
  max = 0;
  enter(): void {
    this.current += 1;
    this.max = Math.max(this.max, this.current);
  }
  leave(): void {
    this.current -= 1;
  }
}
