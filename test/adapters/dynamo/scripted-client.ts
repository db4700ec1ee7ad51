/** A scripted DocumentClient and the DynamoDB failures the write-failure tests feed the stores. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';

export type Command = { constructor: { name: string }; input: Record<string, any> };

/** A DocumentClient whose `answer` gives each command its output, or an error to throw; it keeps what it was sent. */
export function scripted(answer: (command: Command) => unknown) {
  const sent: Command[] = [];
  const doc = {
    send: async (command: Command) => {
      sent.push(command);
      const out = answer(command);
      if (out instanceof Error) throw out;
      return out ?? {};
    },
  } as never;
  return { doc, sent };
}

export const throttled = () =>
  Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
export const conditionFailed = (Item?: Record<string, unknown>) =>
  Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException', Item });
export const writes = (command: Command) => !(command instanceof GetCommand);
export const failure = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (error: unknown) => error as Error,
  );
