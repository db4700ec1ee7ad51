/**
 * One webhook cold start over a refusing DynamoDB, and requests to it with any body and any time left in the
 * Lambda: what the message-kind tests of test/handlers/webhook-*.test.ts share.
 */
import { randomBytes } from 'node:crypto';
import type { HttpResult } from '../../functions/handlers/shared/http';
import { lambdaContext } from '../../local/api-gateway-event';
import { captureOutput, type LogEntry } from '../integration/log-capture';
import { coldStart, httpEvent, webhookBaseEnv } from './invoke';

export const VAPI_SECRET = randomBytes(24).toString('base64url');

export interface Sent {
  res: HttpResult;
  /** The structured log records the request left. */
  logs: LogEntry[];
}

export interface SendOptions {
  /** What context.getRemainingTimeInMillis() answers (default 20 s, the webhook's timeout). */
  remainingMs?: number;
  /** The X-Vapi-Secret header (default the right secret). */
  secret?: string;
}

/** Cold-starts the webhook with `env` over the base configuration; `send` posts a raw body or a `{ message }`. */
export async function startWebhook(env: Record<string, string> = {}) {
  await coldStart(['vapiWebhook'], {
    ...(await webhookBaseEnv()),
    MICROSOFT_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
    MICROSOFT_CLIENT_SECRET: `client-secret-${randomBytes(12).toString('hex')}`,
    VAPI_SECRET,
    ...env,
  });
  // The module coldStart just loaded, called with a context of the test's choosing.
  const { handler } = await import('../../functions/handlers/vapiWebhook');
  return async (body: string | Record<string, unknown>, options: SendOptions = {}): Promise<Sent> => {
    const raw = typeof body === 'string' ? body : JSON.stringify({ message: body });
    const event = httpEvent('vapi-webhook-post', {
      headers: { 'x-vapi-secret': options.secret ?? VAPI_SECRET },
      body: raw,
    });
    const context = {
      ...lambdaContext('vapiWebhook', 20_000),
      getRemainingTimeInMillis: () => options.remainingMs ?? 20_000,
    };
    const logs = captureOutput();
    const res = await handler(event, context).finally(logs.stop);
    return { res, logs: logs.entries() };
  };
}

/** One entry of a tool-calls message's toolCallList: `name` called with no arguments. */
export const toolCall = (id: string, name: string) => ({ id, type: 'function', function: { name, arguments: {} } });

/** The record of the log line `message`, if the request wrote one. */
export const line = (sent: Sent, message: string) => sent.logs.find((entry) => entry.message === message);
