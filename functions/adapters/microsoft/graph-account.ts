/** The signed-in account (GET /me) and its calendars (GET /me/calendars), in the domain's terms. */
import { ProviderError } from '../../domain/errors';
import type { Deadline } from '../../domain/ports';
import type { ProviderAccount, ProviderCalendar } from '../../domain/types';
import type { GraphClient } from './graph-client';
import { readPages } from './graph-paging';

/** The connection's own facts about its account: msal's homeAccountId and the address it connected as. */
export interface ConnectedAccount {
  accountId: string;
  address?: string;
}

/** The GET /me fields we read. `mail` is null for accounts without an Exchange address of their own. */
export interface GraphUser {
  id?: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
}

/** The GET /me/calendars fields we read. `owner` is whoever shared a calendar with the account (or the account). */
export interface GraphCalendarItem {
  id?: string;
  name?: string | null;
  isDefaultCalendar?: boolean | null;
  canEdit?: boolean | null;
  owner?: { name?: string | null; address?: string | null } | null;
}

const USER_FIELDS = 'id,displayName,mail,userPrincipalName';
const CALENDAR_FIELDS = 'id,name,isDefaultCalendar,canEdit,owner';

/** One account's profile and calendars; the profile is read once per instance (both answers need it). */
export class MailboxAccount {
  private me?: Promise<GraphUser>;

  constructor(
    private readonly graph: GraphClient,
    private readonly connected: ConnectedAccount,
  ) {}

  /**
   * The account: its id is the connection's (msal's homeAccountId, stable across renames, and the id the connection
   * is keyed by), its address the mailbox's SMTP address, or the sign-in name when it has none.
   */
  async account(deadline: Deadline): Promise<ProviderAccount> {
    const me = await this.user(deadline);
    const email = me.mail?.trim() || me.userPrincipalName?.trim();
    if (!email) throw new ProviderError('Microsoft Graph returned a profile without an address', 200, 'InvalidProfile');
    const name = me.displayName?.trim();
    return { accountId: this.connected.accountId, email, ...(name ? { name } : {}) };
  }

  /** The account's calendars; one owned by another address (case-insensitively) is shared with it. */
  async calendars(deadline: Deadline): Promise<ProviderCalendar[]> {
    const request = { method: 'GET' as const, path: '/me/calendars', query: { $select: CALENDAR_FIELDS } };
    const [me, items] = await Promise.all([
      this.user(deadline),
      readPages<GraphCalendarItem>(this.graph, request, deadline, 'calendars'),
    ]);
    // The mailbox may own its calendars under its SMTP address or its sign-in name; either is the account's own.
    const own = new Set(
      [me.mail, me.userPrincipalName, this.connected.address].flatMap((a) =>
        a?.trim() ? [a.trim().toLowerCase()] : [],
      ),
    );
    return items.map((item) => toProviderCalendar(item, own));
  }

  private user(deadline: Deadline): Promise<GraphUser> {
    this.me ??= this.graph
      .send<GraphUser>({ method: 'GET', path: '/me', query: { $select: USER_FIELDS } }, deadline)
      .then(
        (me) => me ?? {},
        (error: unknown) => {
          // A failed read is not kept: the next call of this invocation asks again.
          this.me = undefined;
          throw error;
        },
      );
    return this.me;
  }
}

/** A Graph calendar as the domain's. A calendar without an owner is the account's own (Graph omits it on some). */
export function toProviderCalendar(item: GraphCalendarItem, ownAddresses: ReadonlySet<string>): ProviderCalendar {
  if (!item.id) throw new ProviderError('Microsoft Graph returned a calendar without an id', 200, 'InvalidCalendar');
  const owner = item.owner?.address?.trim().toLowerCase();
  return {
    id: item.id,
    name: item.name?.trim() || 'Calendar',
    isDefault: item.isDefaultCalendar === true,
    canEdit: item.canEdit === true,
    shared: !!owner && !ownAddresses.has(owner),
  };
}
