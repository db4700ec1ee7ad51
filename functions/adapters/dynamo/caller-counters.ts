/** Per-caller counters on the Bookings table: bookings per caller number and day, wrong codes per call. */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { epochSeconds, quotaKey, wrongCodesKey } from './booking-keys';
import type { BookingTable } from './booking-table';
import { giveUnitBack, takeUnit } from './counter-items';
import { isConditionFailed } from './conditions';

const DAY_MS = 86_400_000;
/** A quota item outlives its day (in any zone) before TTL collects it; its key names the day, so none is reused. */
const QUOTA_KEPT_MS = 2 * DAY_MS;
const CODES_KEPT_MS = DAY_MS;

/** Counts one booking unless `cap` are counted already (the cap is the condition, so parallel takes cannot pass it). */
export async function takeCallerQuota(
  t: BookingTable,
  managerId: string,
  callerKey: string,
  day: string,
  cap: number,
  nowMs: number,
): Promise<boolean> {
  if (!(cap > 0)) return false;
  try {
    await t.doc.send(new UpdateCommand(takeQuotaUnit(t.table, { managerId, callerKey, day }, cap, nowMs)));
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** The update taking one unit of a caller number's day (alone, or as an action of a booking's transaction). */
export function takeQuotaUnit(
  table: string,
  unit: { managerId: string; callerKey: string; day: string },
  cap: number,
  nowMs: number,
) {
  return takeUnit(table, quotaKey(unit.managerId, unit.callerKey, unit.day), cap, nowMs + QUOTA_KEPT_MS);
}

/** Gives one unit back; never below zero, and nothing to give back is fine. */
export async function returnCallerQuota(t: BookingTable, managerId: string, callerKey: string, day: string) {
  await giveUnitBack(t, quotaKey(managerId, callerKey, day));
}

/** Counts a wrong code for the call (atomic ADD) and returns the count so far. */
export async function addWrongCode(t: BookingTable, callId: string, nowMs: number): Promise<number> {
  const { Attributes } = await t.doc.send(
    new UpdateCommand({
      TableName: t.table,
      Key: wrongCodesKey(callId),
      UpdateExpression: 'ADD attempts :one SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':ttl': epochSeconds(nowMs + CODES_KEPT_MS) },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.attempts ?? 0);
}

/** The call's wrong-code count (0 when it has said none). */
export async function wrongCodes(t: BookingTable, callId: string): Promise<number> {
  const { Item } = await t.doc.send(
    new GetCommand({ TableName: t.table, Key: wrongCodesKey(callId), ConsistentRead: true }),
  );
  return Number(Item?.attempts ?? 0);
}
