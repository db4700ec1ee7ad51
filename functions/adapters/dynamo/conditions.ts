/** Recognising DynamoDB's condition failures, so adapters can turn them into domain errors. */
import type { AttributeValue, CancellationReason } from '@aws-sdk/client-dynamodb';

/** True when a single-item write failed its ConditionExpression. */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** The per-item reasons of a cancelled transaction, or undefined if `error` is not a TransactionCanceledException. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  return (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
}

/**
 * A string attribute of an item an exception returned (exceptions carry raw AttributeValues, not unmarshalled ones).
 */
export function rawString(item: Record<string, AttributeValue | string> | undefined, name: string): string | undefined {
  const value = item?.[name];
  if (typeof value === 'string') return value;
  return value && 'S' in value ? value.S : undefined;
}

/** The item a failed conditional write returned with ReturnValuesOnConditionCheckFailure ALL_OLD, if any. */
export function failedItem(error: unknown): Record<string, AttributeValue> | undefined {
  return (error as { Item?: Record<string, AttributeValue> }).Item;
}

/** True when action `index` of a cancelled transaction failed its condition. */
export function failedAt(error: unknown, index: number): boolean {
  return cancellationReasons(error)?.[index]?.Code === 'ConditionalCheckFailed';
}
