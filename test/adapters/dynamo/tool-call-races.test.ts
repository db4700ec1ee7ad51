/** Tool-call claims racing a release or a complete, which DynamoDB Local cannot interleave: the SDK is mocked. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoBookingStore } from '../../../functions/adapters/dynamo/booking-store';
import { doc, meta, mock } from './mocked-sdk';

/** The claim's put refused; `Item` is the blocking record when DynamoDB returned it (raw AttributeValues). */
const blocked = (Item?: Record<string, { S: string }>) =>
  new ConditionalCheckFailedException({ message: 'taken', ...meta, ...(Item ? { Item } : {}) });
const NOW = Date.parse('2030-06-01T12:00:00Z');
const store = () => new DynamoBookingStore(doc, 't', { toolCallLeaseMs: 30_000 });

describe('DynamoBookingStore.claimToolCall racing other invocations', () => {
  afterEach(() => mock.reset());

  it('the blocker was released before the read: the second put takes the claim, told as contended', async () => {
    // Prepare
    mock
      .on(PutCommand)
      .rejectsOnce(blocked())
      .resolves({ ...meta });
    mock.on(GetCommand).resolves({ ...meta });
    // Act
    const claim = await store().claimToolCall('tc-1', NOW);
    // Assess
    expect(claim).toEqual({ claimed: true, contended: true });
    expect(mock.commandCalls(PutCommand)).toHaveLength(2);
  });

  it('a blocker that keeps coming and going: two puts, then in_progress (the redelivery is not run)', async () => {
    // Prepare
    mock.on(PutCommand).rejects(blocked());
    mock.on(GetCommand).resolves({ ...meta });
    // Act
    const claim = await store().claimToolCall('tc-1', NOW);
    // Assess
    expect(claim).toEqual({ claimed: false, state: 'in_progress' });
    expect(mock.commandCalls(PutCommand)).toHaveLength(2);
  });

  it('the done record returned with the failure answers at once, with no read', async () => {
    // Prepare
    mock.on(PutCommand).rejects(blocked({ state: { S: 'done' }, answer: { S: '{"result":"Booked."}' } }));
    mock.on(GetCommand).resolves({ ...meta });
    // Act
    const claim = await store().claimToolCall('tc-1', NOW);
    // Assess
    expect(claim).toEqual({ claimed: false, state: 'done', answer: { result: 'Booked.' } });
    expect(mock.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('without the record in the failure, a strongly consistent read of it answers', async () => {
    // Prepare
    mock.on(PutCommand).rejects(blocked());
    mock.on(GetCommand).resolves({ ...meta, Item: { state: 'done', answer: '{"error":"No slot."}' } });
    // Act
    const claim = await store().claimToolCall('tc-1', NOW);
    // Assess
    expect(claim).toEqual({ claimed: false, state: 'done', answer: { error: 'No slot.' } });
    expect(mock.commandCalls(GetCommand).map((c) => c.args[0].input.ConsistentRead)).toEqual([true]);
  });
});
