/** A DocumentClient that records the command of every send (to assert which DynamoDB actions a store uses). */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Wraps `doc`: `before` may act (an interleaved writer) before each command goes out. */
export function recordingClient(
  doc: DynamoDBDocumentClient,
  before: (command: string, input: unknown) => Promise<void> | void = () => undefined,
): { client: DynamoDBDocumentClient; commands: string[] } {
  const commands: string[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      commands.push(command.constructor.name);
      await before(command.constructor.name, command.input);
      return doc.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, commands };
}
