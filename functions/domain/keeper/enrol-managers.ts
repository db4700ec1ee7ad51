/**
 * The keeper's one-off enrolment: managers stored before the keeper existed carry no due time, so no routine run
 * would ever look at them. This pages through the connections (the only scan the keeper does, and only when an
 * operator asks for it), puts each such manager on the list due at once, and stops within its budget with a cursor
 * to continue from. Resumable and idempotent: a due time already set is never moved.
 */
import type { Deadline } from '../ports';
import type { KeeperDeps } from './keeper-deps';

/** What one enrolment run did, for `npm run keeper -- --enrol` and the `{"enrol": true}` invocation's result. */
export interface EnrolmentSummary {
  enrol: {
    /** Items read, enrolled or not. */
    scanned: number;
    /** Managers put on the list by this run. */
    enrolled: number;
    pages: number;
    /** True once the whole table has been read; otherwise run again with `cursor`. */
    done: boolean;
    cursor?: string;
  };
  durationMs: number;
}

export interface EnrolmentOptions {
  /** Where a previous run stopped (its `cursor`); undefined to start at the beginning. */
  cursor?: string;
  /** Items read per page. */
  pageSize: number;
  deadline: Deadline;
}

/** A page is not started with less time than this left: its Scan and its writes must fit. */
const MIN_PAGE_MS = 5_000;

/** Enrols the managers not yet on the keeper's list, page after page, until done or out of time. */
export async function enrolManagers(
  deps: Pick<KeeperDeps, 'keeper' | 'clock' | 'log'>,
  options: EnrolmentOptions,
): Promise<EnrolmentSummary> {
  const started = deps.clock();
  const enrol = { scanned: 0, enrolled: 0, pages: 0 };
  let cursor = options.cursor;
  do {
    if (options.deadline.at - deps.clock() < MIN_PAGE_MS) break;
    const page = await deps.keeper.enrol(deps.clock(), cursor, options.pageSize);
    enrol.scanned += page.scanned;
    enrol.enrolled += page.enrolled;
    enrol.pages++;
    cursor = page.cursor;
  } while (cursor !== undefined);
  const done = enrol.pages > 0 && cursor === undefined;
  const summary: EnrolmentSummary = {
    enrol: { ...enrol, done, ...(done || cursor === undefined ? {} : { cursor }) },
    durationMs: deps.clock() - started,
  };
  deps.log.info('keeper: enrolment finished', { ...summary });
  return summary;
}
