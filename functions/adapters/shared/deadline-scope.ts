/**
 * The invocation's deadline, carried implicitly to every AWS SDK call (DynamoDB, KMS) so that no store or cipher call
 * can outlive the webhook's answer budget, without threading a Deadline through every port.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Deadline } from '../../domain/ports';

const scope = new AsyncLocalStorage<Deadline>();

/** Time kept back so that an aborted call still leaves room to answer. */
const MARGIN_MS = 250;

/** Runs `work` with `deadline` as the bound of every AWS call made inside it. */
export function withDeadline<T>(deadline: Deadline, work: () => Promise<T>): Promise<T> {
  return scope.run(deadline, work);
}

/** The deadline of the current scope (one invocation's), if any. */
export function currentDeadline(): Deadline | undefined {
  return scope.getStore();
}

/** An abort signal for the current deadline (already aborted when it has passed); undefined outside a scope. */
export function deadlineSignal(now: () => number = Date.now): AbortSignal | undefined {
  const deadline = scope.getStore();
  if (!deadline) return undefined;
  const remaining = deadline.at - now() - MARGIN_MS;
  return remaining <= 0 ? AbortSignal.abort(new Error('Deadline exceeded')) : AbortSignal.timeout(remaining);
}

type Sender = { send: (command: never, options?: { abortSignal?: AbortSignal }) => Promise<unknown> };

/** Makes `client.send` abort at the current deadline (an explicit abortSignal given by the caller wins). */
export function boundToDeadline<C extends Sender>(client: C): C {
  const send = client.send.bind(client) as (
    command: unknown,
    options?: { abortSignal?: AbortSignal },
  ) => Promise<unknown>;
  (client as { send: unknown }).send = (command: unknown, options?: { abortSignal?: AbortSignal }) =>
    send(command, { abortSignal: deadlineSignal(), ...options });
  return client;
}
