/**
 * The keeper end to end under `npm start`: POST /_local/keeper (what `npm run keeper -- --once` sends) against the
 * Microsoft and Google sandboxes, whose request logs count every refresh-token redemption; and its one-off enrolment
 * (`?enrol=1`, what `npm run keeper -- --enrol` sends).
 */
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentSummary } from '../../functions/domain/keeper/enrol-managers';
import type { KeeperSummary } from '../../functions/domain/keeper/run-keeper';
import type { LocalApp } from '../../local/app';
import { dynamoClientFor } from '../../local/dynamo-local';
import { LOCAL_KEEPER_HEADER } from '../../local/keeper';
import { connect, firstResult, googleFixture, startApp, status, toolCall, webhook } from './harness';
import { captureOutput } from './log-capture';

const DAY = 86_400_000;
const GOOGLE_MANAGER = 'keeper-google';

describe('Keeper: npm start and POST /_local/keeper (sandboxes)', () => {
  const logs = captureOutput();
  let app: LocalApp;
  let doc: DynamoDBDocumentClient;
  const microsoftManager = () => app.env.DEFAULT_MANAGER_ID!;
  const refreshes = (provider: 'microsoft' | 'google') =>
    (provider === 'microsoft' ? app.emulator! : app.googleEmulator!).requests.filter(
      (r) => r.route === 'token' && r.grantType === 'refresh_token' && r.status === 200,
    ).length;
  const runOnce = async () => {
    const res = await fetch(`${app.baseUrl}/_local/keeper`, {
      method: 'POST',
      headers: { [LOCAL_KEEPER_HEADER]: '1' },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as KeeperSummary;
  };
  const item = async (managerId: string) =>
    (await doc.send(new GetCommand({ TableName: app.env.CONNECTIONS_TABLE, Key: { managerId }, ConsistentRead: true })))
      .Item!;
  /** As if `days` went by unused: every stored time of the item moves back (due times too). */
  const age = async (managerId: string, days: number) => {
    const stored = await item(managerId);
    const back = (iso?: string) => iso && new Date(Date.parse(iso) - days * DAY).toISOString();
    for (const [id, c] of Object.entries(stored.connections as Record<string, Record<string, string>>)) {
      await doc.send(
        new UpdateCommand({
          TableName: app.env.CONNECTIONS_TABLE,
          Key: { managerId },
          UpdateExpression:
            'SET connections.#c.connectedAt = :c, connections.#c.scheduleCheckedAt = :s, keeperDueMs = :d',
          ExpressionAttributeNames: { '#c': id },
          ExpressionAttributeValues: {
            ':c': back(c.connectedAt),
            ':s': back(c.scheduleCheckedAt),
            ':d': (stored.keeperDueMs as number) - days * DAY,
          },
        }),
      );
      if (c.lastRefreshedAt) {
        await doc.send(
          new UpdateCommand({
            TableName: app.env.CONNECTIONS_TABLE,
            Key: { managerId },
            UpdateExpression: 'SET connections.#c.lastRefreshedAt = :r',
            ExpressionAttributeNames: { '#c': id },
            ExpressionAttributeValues: { ':r': back(c.lastRefreshedAt) },
          }),
        );
      }
    }
  };
  const connectionOf = async (managerId: string) =>
    Object.values((await item(managerId)).connections as Record<string, Record<string, unknown>>)[0]!;

  beforeAll(async () => {
    app = await startApp({ KEEPER_INTERVAL_MINUTES: '0' }, undefined, { googleCalendar: googleFixture('chicago') });
    doc = DynamoDBDocumentClient.from(dynamoClientFor(app.env.DYNAMODB_ENDPOINT!));
    await connect(app);
    await connect(app, GOOGLE_MANAGER, 'google');
  });

  afterAll(async () => {
    await app?.stop();
    logs.stop();
  });

  it('leaves freshly connected managers untouched: no refresh-token redemption at either provider', async () => {
    // Prepare
    const before = { microsoft: refreshes('microsoft'), google: refreshes('google') };
    // Act
    const summary = await runOnce();
    // Assess
    expect(summary.managers).toMatchObject({ due: 2, refreshed: 0, schedulesRead: 0, needsReconnect: 0 });
    expect({ microsoft: refreshes('microsoft'), google: refreshes('google') }).toEqual(before);
  });

  it('redeems the refresh tokens of managers idle for 20 days, stores the rotated cache, records lastRefreshedAt', async () => {
    // Prepare
    await age(microsoftManager(), 20);
    await age(GOOGLE_MANAGER, 20);
    const before = { microsoft: refreshes('microsoft'), google: refreshes('google') };
    const version = (await connectionOf(microsoftManager())).version as number;
    // Act
    const summary = await runOnce();
    // Assess
    expect(summary.managers).toMatchObject({ due: 2, refreshed: 2, schedulesRead: 2, needsReconnect: 0, failed: 0 });
    expect(refreshes('microsoft')).toBe(before.microsoft + 1);
    expect(refreshes('google')).toBe(before.google + 1);
    const microsoft = await connectionOf(microsoftManager());
    expect(microsoft.version).toBe(version + 1);
    expect(Date.now() - Date.parse(microsoft.lastRefreshedAt as string)).toBeLessThan(60_000);
    expect(Date.now() - Date.parse((await connectionOf(GOOGLE_MANAGER)).lastRefreshedAt as string)).toBeLessThan(
      60_000,
    );
  });

  it('is idempotent: a second run finds nothing due and redeems nothing', async () => {
    // Prepare
    const before = { microsoft: refreshes('microsoft'), google: refreshes('google') };
    // Act
    const summary = await runOnce();
    // Assess
    expect(summary.managers.due).toBe(0);
    expect({ microsoft: refreshes('microsoft'), google: refreshes('google') }).toEqual(before);
  });

  it("keeps a Microsoft grant past the 90-day line: the rotated refresh token outlives the connect's", async () => {
    // Prepare: 80 days after connect the keeper redeems; 80 more days on, the connect's refresh token is long dead
    app.emulator!.advanceClock(80 * DAY);
    await age(microsoftManager(), 20);
    await runOnce();
    app.emulator!.advanceClock(80 * DAY);
    // Act: the cached access token is expired at the emulator, so the call must refresh with the rotated token
    const answer = await webhook(app, toolCall('get_availability', {}));
    // Assess
    expect(firstResult(answer).error).toBeUndefined();
    expect(await status(app)).toMatchObject({ connected: true, needsReconnect: false });
  });

  it('a grant revoked at Google: needs reconnect, one WARN line for the manager, then off the list', async () => {
    // Prepare
    app.googleEmulator!.revokeGrants();
    await age(GOOGLE_MANAGER, 20);
    const seen = logs.entries().length;
    // Act
    const summary = await runOnce();
    const again = await runOnce();
    // Assess
    expect(summary.managers.needsReconnect).toBe(1);
    expect(await status(app, GOOGLE_MANAGER)).toMatchObject({ needsReconnect: true });
    const lines = logs
      .entries()
      .slice(seen)
      .filter((e) => e.managerId === GOOGLE_MANAGER && e.message === 'keeper: manager');
    expect(lines).toEqual([expect.objectContaining({ level: 'WARN', outcome: 'needs_reconnect' })]);
    expect(await item(GOOGLE_MANAGER)).not.toHaveProperty('keeperDueMs');
    expect(again.managers.due).toBe(0);
  });

  it('enrols an idle manager stored before the keeper (?enrol=1, what --enrol sends); the next run keeps it', async () => {
    // Prepare: idle 20 days (its last call too) and without the keeper's attributes, as an older deployment left it
    await age(microsoftManager(), 20);
    await doc.send(
      new UpdateCommand({
        TableName: app.env.CONNECTIONS_TABLE,
        Key: { managerId: microsoftManager() },
        UpdateExpression: 'SET lastUsedAt = :u REMOVE keeperShard, keeperDueMs',
        ExpressionAttributeValues: { ':u': new Date(Date.now() - 20 * DAY).toISOString() },
      }),
    );
    const unseen = await runOnce();
    const before = refreshes('microsoft');
    // Act
    const res = await fetch(`${app.baseUrl}/_local/keeper?enrol=1`, {
      method: 'POST',
      headers: { [LOCAL_KEEPER_HEADER]: 'enrol' },
    });
    const enrolment = (await res.json()) as EnrolmentSummary;
    const kept = await runOnce();
    // Assess: the Google manager (taken off the list for its reconnect) is not enrolled again
    expect(unseen.managers.due).toBe(0);
    expect(res.status).toBe(200);
    expect(enrolment.enrol).toMatchObject({ scanned: 2, enrolled: 1, done: true });
    expect(kept.managers).toMatchObject({ due: 1, refreshed: 1, needsReconnect: 0 });
    expect(refreshes('microsoft')).toBe(before + 1);
  });

  it('refuses an enrolment with a bad flag or a cursor it never returned (400, with the reason)', async () => {
    // Act
    const post = (query: string) =>
      fetch(`${app.baseUrl}/_local/keeper?${query}`, { method: 'POST', headers: { [LOCAL_KEEPER_HEADER]: '1' } });
    const flag = await post('enrol=yes');
    const cursor = await post('enrol=1&cursor=bm90LWEtY3Vyc29y');
    // Assess
    expect(flag.status).toBe(400);
    expect(await flag.json()).toEqual({ error: 'Ask for the enrolment with ?enrol=1.' });
    expect(cursor.status).toBe(400);
    expect(await cursor.json()).toEqual({ error: 'The enrolment cursor is not one an enrolment run returned' });
  });

  it('refuses a run without its header (no web page can start one) and any method but POST', async () => {
    // Act
    const bare = await fetch(`${app.baseUrl}/_local/keeper`, { method: 'POST' });
    const read = await fetch(`${app.baseUrl}/_local/keeper`);
    // Assess
    expect(bare.status).toBe(403);
    expect(read.status).toBe(405);
  });
});
