/** The keeper's due-list of managers (the Connections table's sparse keeper index) and its per-manager lease. */

/** A claimed manager: only the runner holding it refreshes that manager's tokens until it is released or lapses. */
export interface KeeperLease {
  managerId: string;
  /** Unique per claim; the release is conditional on it. */
  leaseId: string;
  /** The due time the claim found: the release moves it only while no other write (a connect) has moved it since. */
  dueMs: number;
}

/** One page of the one-off enrolment of managers stored before the keeper existed. */
export interface EnrolmentPage {
  /** Items the page read (enrolled or not). */
  scanned: number;
  /** Items it put on the list (due at once). */
  enrolled: number;
  /** Where the next page starts; undefined when the whole table has been read. */
  cursor: string | undefined;
}

/** Managers due for the keeper, oldest first, with a lease so two runs at once never work on the same one. */
export interface KeeperDueList {
  /** Up to `limit` manager ids whose keeper work was due at or before `nowMs`, the longest-overdue first. */
  due(nowMs: number, limit: number): Promise<string[]>;
  /**
   * Takes the manager for this run until `leaseUntilMs`, if it is still due at `nowMs` and no live lease holds it;
   * undefined otherwise (another run has it, or has just done it).
   */
  claim(managerId: string, nowMs: number, leaseUntilMs: number): Promise<KeeperLease | undefined>;
  /**
   * Ends the lease: the manager is next due at `nextDueMs`, or leaves the list when undefined (nothing left to keep).
   * When its due time was moved since the claim (a connect or a role change during the run: newer than what the run
   * read), only the lease ends and that due time stays. Returns false when the lease had lapsed and another run took
   * the manager (its write wins).
   */
  release(lease: KeeperLease, nextDueMs: number | undefined): Promise<boolean>;
  /** Records that a connection's refresh token was redeemed at `at` (ISO); a connection gone meanwhile is skipped. */
  recordRefresh(managerId: string, connectionId: string, at: string): Promise<void>;
  /**
   * The one-off enrolment (never part of a routine run): reads up to `limit` items from `cursor` (undefined: the
   * start) and puts each that never was on the list on it, due at `nowMs`; a due time already set is never moved.
   * A cursor that is not one this returned is a ValidationError.
   */
  enrol(nowMs: number, cursor: string | undefined, limit: number): Promise<EnrolmentPage>;
}
