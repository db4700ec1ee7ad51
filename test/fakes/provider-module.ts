/**
 * A provider that exists only in tests, built the way a real adapter folder is: one ProviderModule with its own
 * variable (FAKECAL_SIGNIN_URL), its sign-in (an authorize URL, then a code exchange that checks PKCE), and calendars
 * read only after opening the connection's sealed credentials. Nothing in functions/ knows it: it reaches the connect
 * pages and the webhook through buildProviders alone.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CREDENTIALS_PURPOSE } from '../../functions/contract/credentials';
import { NotFoundError, ReconnectRequiredError, ValidationError } from '../../functions/domain/errors';
import type {
  AuthorizationClient,
  CalendarConnection,
  CalendarProvider,
  ProviderModule,
  ProviderShared,
  RedeemedGrant,
} from '../../functions/domain/ports';
import type {
  CalendarEntry,
  CreatedEvent,
  EventChanges,
  Interval,
  NewCalendarEvent,
  OwnerSchedule,
  ProviderAccount,
  ProviderCalendar,
} from '../../functions/domain/types';

/** The provider id stored on its connections. */
export const FAKECAL_ID = 'fakecal';
/** The text of its button on the connect pages. */
export const FAKECAL_LABEL = 'Fake Calendar';
/** The scope a connection cannot work without. */
export const FAKECAL_SCOPE = 'calendar.write';

/** Its own configuration: where its sign-in lives (FAKECAL_SIGNIN_URL). */
export interface FakecalConfig {
  signInUrl: string;
}

/** The one mailbox the fake's sign-in hands out: account, calendars and their entries (by calendar id). */
export interface FakecalMailbox {
  account: ProviderAccount;
  calendars: ProviderCalendar[];
  entries: Record<string, CalendarEntry[]>;
  schedule: OwnerSchedule;
  grantedScopes: string[];
}

/** What a sign-in page remembers between the authorize redirect and the code exchange. */
interface PendingCode {
  state: string;
  codeChallenge: string;
  nonce: string;
  redirectUri: string;
}

const overlaps = (entry: CalendarEntry, range: Interval) => entry.start < range.end && entry.end > range.start;
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** The sign-in side: authorize URLs, a programmatic "Accept", and code redemption (single use, PKCE, nonce). */
class FakecalSignIn implements AuthorizationClient {
  private readonly codes = new Map<string, PendingCode>();

  constructor(
    private readonly signInUrl: string,
    private readonly world: FakecalWorld,
  ) {}

  async buildAuthorizeUrl(input: Parameters<AuthorizationClient['buildAuthorizeUrl']>[0]): Promise<string> {
    const url = new URL(`${this.signInUrl}/authorize`);
    url.search = new URLSearchParams({
      state: input.state,
      code_challenge: input.codeChallenge,
      nonce: input.nonce,
      redirect_uri: input.redirectUri,
      ...(input.loginHint ? { login_hint: input.loginHint } : {}),
    }).toString();
    return url.toString();
  }

  /** The manager clicks "Accept" on the sign-in page: the callback URL the browser is sent to. */
  consent(authorizeUrl: string): string {
    const q = new URL(authorizeUrl).searchParams;
    const pending = {
      state: q.get('state')!,
      codeChallenge: q.get('code_challenge')!,
      nonce: q.get('nonce')!,
      redirectUri: q.get('redirect_uri')!,
    };
    const code = randomBytes(12).toString('base64url');
    this.codes.set(code, pending);
    const back = new URL(pending.redirectUri);
    back.search = new URLSearchParams({ code, state: pending.state }).toString();
    return back.toString();
  }

  async redeemCode(input: Parameters<AuthorizationClient['redeemCode']>[0]): Promise<RedeemedGrant> {
    const pending = this.codes.get(input.code);
    this.codes.delete(input.code);
    const matches =
      pending &&
      pending.codeChallenge === s256(input.codeVerifier) &&
      pending.nonce === input.nonce &&
      pending.redirectUri === input.redirectUri;
    if (!matches) throw new ValidationError('The sign-in code was not accepted', 'code');
    const token = `fakecal-refresh-${randomBytes(8).toString('hex')}`;
    this.world.tokens.add(token);
    const { mailbox } = this.world;
    return {
      account: structuredClone(mailbox.account),
      grantedScopes: [...mailbox.grantedScopes],
      credentials: JSON.stringify({ token }),
    };
  }

  missingScopes(granted: readonly string[]): string[] {
    return granted.includes(FAKECAL_SCOPE) ? [] : [FAKECAL_SCOPE];
  }
}

/** One connection's calendars: every call opens its sealed credentials first, as a real adapter must. */
class FakecalCalendars implements CalendarProvider {
  constructor(
    private readonly managerId: string,
    private readonly connection: CalendarConnection,
    private readonly shared: ProviderShared,
    private readonly world: FakecalWorld,
  ) {}

  private async authorized(): Promise<FakecalMailbox> {
    const context = { managerId: this.managerId, purpose: CREDENTIALS_PURPOSE };
    const { token } = JSON.parse(await this.shared.cipher.open(this.connection.credentials, context));
    if (!this.world.tokens.has(token)) throw new ReconnectRequiredError('fakecal: the grant was revoked');
    this.world.reads.push({ managerId: this.managerId, connectionId: this.connection.connectionId });
    return this.world.mailbox;
  }

  private async calendar(calendarId: string): Promise<CalendarEntry[]> {
    const mailbox = await this.authorized();
    if (!mailbox.calendars.some((c) => c.id === calendarId)) throw new NotFoundError(`fakecal: no ${calendarId}`);
    mailbox.entries[calendarId] ??= [];
    return mailbox.entries[calendarId];
  }

  async listEntries(calendarId: string, range: Interval) {
    return structuredClone((await this.calendar(calendarId)).filter((e) => overlaps(e, range)));
  }

  async createEvent(calendarId: string, event: NewCalendarEvent): Promise<CreatedEvent> {
    const entries = await this.calendar(calendarId);
    const existing = entries.find((e) => e.bookingKey === event.bookingKey);
    if (existing) return { id: existing.id! };
    const id = `fakecal-${entries.length + 1}`;
    const { start, end, bookingKey } = event;
    entries.push({ id, start, end, bookingKey, availability: 'busy', isCancelled: false, isAllDay: false });
    return { id };
  }

  async getEvent(calendarId: string, eventId: string) {
    return structuredClone((await this.calendar(calendarId)).find((e) => e.id === eventId));
  }

  async updateEvent(calendarId: string, eventId: string, changes: EventChanges) {
    const entry = (await this.calendar(calendarId)).find((e) => e.id === eventId);
    if (!entry) throw new NotFoundError('fakecal: no such event');
    if (changes.start !== undefined) entry.start = changes.start;
    if (changes.end !== undefined) entry.end = changes.end;
  }

  async cancelEvent(calendarId: string, eventId: string) {
    const entries = await this.calendar(calendarId);
    const at = entries.findIndex((e) => e.id === eventId);
    if (at >= 0) entries.splice(at, 1);
  }

  async getOwnerSchedule() {
    return structuredClone((await this.authorized()).schedule);
  }

  async getAccount() {
    return structuredClone((await this.authorized()).account);
  }

  async listCalendars() {
    return structuredClone((await this.authorized()).calendars);
  }

  async keepAlive() {
    await this.authorized();
  }
}

/** What the fake provider's side of the world holds, for a test to arrange and inspect. */
export interface FakecalWorld {
  mailbox: FakecalMailbox;
  /** Refresh tokens the sign-in issued and still honours (delete one to revoke a grant). */
  tokens: Set<string>;
  /** Every authorized calendar read: which connection of which manager. */
  reads: Array<{ managerId: string; connectionId: string }>;
  /** The sign-in of the adapter buildProviders created (set by create). */
  signIn?: FakecalSignIn;
}

/** A mailbox in New York with a default calendar and one shared with the account. */
export function fakecalMailbox(): FakecalMailbox {
  return {
    account: { accountId: 'fakecal-user-1', email: 'robin@fakecal.example', name: 'Robin' },
    calendars: [
      { id: 'primary', name: 'Primary', isDefault: true, canEdit: true, shared: false },
      { id: 'family', name: 'Family', isDefault: false, canEdit: false, shared: true },
    ],
    entries: {},
    schedule: { timeZone: 'America/New_York' },
    grantedScopes: [FAKECAL_SCOPE],
  };
}

/** The module (one line of a registry) and the world it serves. */
export function fakecalModule(mailbox = fakecalMailbox()): {
  module: ProviderModule<FakecalConfig>;
  world: FakecalWorld;
} {
  const world: FakecalWorld = { mailbox, tokens: new Set(), reads: [] };
  const module: ProviderModule<FakecalConfig> = {
    id: FAKECAL_ID,
    readConfig: (env) => {
      const signInUrl = env.FAKECAL_SIGNIN_URL?.trim();
      return signInUrl ? { signInUrl } : undefined;
    },
    async create(config, shared) {
      world.signIn = new FakecalSignIn(config.signInUrl, world);
      return {
        plugin: {
          id: FAKECAL_ID,
          label: FAKECAL_LABEL,
          authorizeOrigin: new URL(config.signInUrl).origin,
          readsWorkingHours: true,
          authorization: world.signIn,
        },
        access: { open: (managerId, connection) => new FakecalCalendars(managerId, connection, shared, world) },
      };
    },
  };
  return { module, world };
}
