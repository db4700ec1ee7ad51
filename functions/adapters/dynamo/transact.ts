/** TransactWriteItems with a short retry when the only problem was a concurrent transaction on the same items. */
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { cancellationReasons } from './conditions';

/** The actions of one TransactWriteItems call. */
export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const ATTEMPTS = 4;
const BASE_DELAY_MS = 15;

/** True when a cancelled transaction failed at least one ConditionExpression (a real "no", not a transient clash). */
export function failedCondition(error: unknown): boolean {
  return cancellationReasons(error)?.some((r) => r.Code === 'ConditionalCheckFailed') ?? false;
}

/** True when a cancelled transaction clashed with another in flight (TransactionConflict) and nothing else failed. */
export function conflictOnly(error: unknown): boolean {
  const reasons = cancellationReasons(error);
  return (
    !!reasons?.some((r) => r.Code === 'TransactionConflict') &&
    reasons.every((r) => r.Code === 'TransactionConflict' || r.Code === 'None' || !r.Code)
  );
}

/**
 * Runs one transaction. A TransactionConflict (another transaction was mid-flight on a shared item) is transient and
 * the SDK does not retry it, so retry with full jitter; a ConditionalCheckFailed is final and is thrown at once.
 */
export async function transactWrite(doc: DynamoDBDocumentClient, input: TransactWriteCommandInput): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      if (!conflictOnly(error) || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * BASE_DELAY_MS * 2 ** attempt));
    }
  }
}
