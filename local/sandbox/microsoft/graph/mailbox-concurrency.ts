/**
 * Outlook's concurrency limit per app and mailbox: past `limit` Graph requests in flight, the next one is refused at
 * once with the 429 production sends. Body as reported from Graph (magodo/terraform-provider-outlook#21), headers as
 * observed on Outlook's calendarView (stackoverflow.com/q/58527581); Microsoft's Q&A answer (questions/2143058) says
 * its Retry-After of 1 means "once one of the others has finished", not a time.
 */
import { GraphError } from './respond';

/** Outlook's documented limit (learn.microsoft.com/graph/throttling-limits#outlook-service-limits). */
export const OUTLOOK_MAILBOX_CONCURRENCY = 4;

/** The refusal of a request past the limit. */
export function mailboxConcurrencyError(): GraphError {
  return new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', {
    'Retry-After': '1',
    'RateLimit-Exceeded': 'MailboxConcurrency',
    'RateLimit-Scope': 'Mailbox',
  });
}

/** Counts the mailbox's requests in flight and refuses the one past the limit. */
export class MailboxConcurrency {
  private inFlight = 0;

  constructor(readonly limit: number = OUTLOOK_MAILBOX_CONCURRENCY) {
    if (!(limit >= 1)) throw new RangeError(`mailboxConcurrency must be 1 or more (Infinity: no limit), got ${limit}`);
  }

  /** Takes a slot until the returned function is called, or throws Graph's 429 when all are taken. */
  enter(): () => void {
    if (this.inFlight >= this.limit) throw mailboxConcurrencyError();
    this.inFlight += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight -= 1;
    };
  }
}
