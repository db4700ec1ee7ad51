/** The one-off keeper enrolment over a scripted DocumentClient, and how store writes join the keeper's list. */
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { enrolPage, withKeeperEnrolment } from '../../../functions/adapters/dynamo/keeper-enrolment';
import { ValidationError } from '../../../functions/domain/errors';

type Command = { input: Record<string, any> };

/** A table of `ids` not yet enrolled; an enrolment write for an id in `fail` throws what it maps to. */
function scanned(ids: string[], fail: Record<string, Error> = {}, LastEvaluatedKey?: Record<string, unknown>) {
  const sent: Command[] = [];
  const doc = {
    send: async (command: Command) => {
      sent.push(command);
      if (command instanceof ScanCommand)
        return { Items: ids.map((managerId) => ({ managerId })), ScannedCount: ids.length, LastEvaluatedKey };
      const error = fail[(command as UpdateCommand).input.Key!.managerId as string];
      if (error) throw error;
      return {};
    },
  } as never;
  return { doc, sent };
}
const named = (name: string) => Object.assign(new Error(name), { name });

describe('Function: enrolPage', () => {
  it('writes each scanned manager once, counting only the writes that landed; the Scan reads keys only', async () => {
    // Prepare: 12 managers, one enrolled by a connect between the Scan and its write
    const ids = Array.from({ length: 12 }, (_, i) => `m${i}`);
    const { doc, sent } = scanned(ids, { m3: named('ConditionalCheckFailedException') });
    // Act
    const page = await enrolPage(doc, 'c', { nowMs: 5, cursor: undefined, limit: 50 });
    // Assess
    expect(page).toEqual({ scanned: 12, enrolled: 11, cursor: undefined });
    const writes = sent.filter((c) => c instanceof UpdateCommand).map((c) => c.input.Key?.managerId);
    expect(writes.sort()).toEqual([...ids].sort());
    expect(sent[0]!.input).toMatchObject({ Select: 'SPECIFIC_ATTRIBUTES', ProjectionExpression: '#managerId' });
  });

  it('fails the page on a throttled enrolment write instead of counting it as enrolled elsewhere', async () => {
    // Prepare
    const error = named('ProvisionedThroughputExceededException');
    const { doc } = scanned(['a', 'b'], { b: error });
    // Act
    const caught = await enrolPage(doc, 'c', { nowMs: 5, cursor: undefined, limit: 50 }).catch((e: unknown) => e);
    // Assess
    expect(caught).toBe(error);
  });

  it('returns a cursor the next page starts from, non-ASCII manager ids included', async () => {
    // Prepare
    const { doc, sent } = scanned(['a'], {}, { managerId: 'zoë-ü' });
    // Act
    const { cursor } = await enrolPage(doc, 'c', { nowMs: 5, cursor: undefined, limit: 1 });
    await enrolPage(doc, 'c', { nowMs: 5, cursor, limit: 1 });
    // Assess
    expect(sent.filter((c) => c instanceof ScanCommand)[1]!.input.ExclusiveStartKey).toEqual({ managerId: 'zoë-ü' });
  });

  it('a cursor it never returned is a ValidationError saying so, its cause the parse failure', async () => {
    // Prepare
    const { doc } = scanned([]);
    // Act
    const caught = (await enrolPage(doc, 'c', { nowMs: 5, cursor: 'x', limit: 1 }).catch((e: unknown) => e)) as Error;
    // Assess
    expect(caught).toBeInstanceOf(ValidationError);
    expect(caught.message).toBe('The enrolment cursor is not one an enrolment run returned');
    expect(caught.cause).toBeInstanceOf(Error);
  });
});

describe('Function: withKeeperEnrolment', () => {
  const ENROL = 'SET #keeperShard = :keeperShard, #keeperDue = :keeperDue';

  it('joins the SET clause of the write, and adds one before a REMOVE-only write or a write of nothing', () => {
    // Act
    const merged = [
      withKeeperEnrolment({ condition: 'c', update: 'SET #a = :a' }, 5, true),
      withKeeperEnrolment({ condition: 'c', update: 'REMOVE #a' }, 5, true),
      withKeeperEnrolment({ condition: 'c' }, 5, true),
    ];
    // Assess
    expect(merged.map((e) => e.update)).toEqual([`${ENROL}, #a = :a`, `${ENROL} REMOVE #a`, ENROL]);
    expect(merged[2]!.values).toEqual({ ':keeperShard': 'due', ':keeperDue': 5 });
  });
});
