/**
 * The keeper under `npm start`: the same handler module the stack schedules, run on a timer (KEEPER_INTERVAL_MINUTES,
 * default 60, 0 for none) and on demand through POST /_local/keeper, which `npm run keeper -- --once` calls. With
 * `?enrol=1` (and `&cursor=` to continue) the route runs the one-off enrolment instead (`npm run keeper -- --enrol`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readKeeperIntervalMinutes } from '../functions/contract/keeper-config';
import type { EnrolmentSummary } from '../functions/domain/keeper/enrol-managers';
import type { KeeperSummary } from '../functions/domain/keeper/run-keeper';
import { ValidationError } from '../functions/domain/errors';

/** The local-only path of an on-demand run (not an API route: the stack has no such path). */
export const LOCAL_KEEPER_PATH = '/_local/keeper';

/**
 * The header an on-demand run must carry. A cross-site page can POST to localhost, but not with a custom header
 * without a CORS preflight, which this server never answers: so no web page can start a run.
 */
export const LOCAL_KEEPER_HEADER = 'x-keeper-run';

export interface LocalKeeper {
  /** Serves POST /_local/keeper; resolves false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  /** Runs once now (what the timer and the route do). */
  runOnce(): Promise<KeeperSummary>;
  /** Runs the one-off enrolment from `cursor` (what the route does with ?enrol=1). */
  enrolOnce(cursor?: string): Promise<EnrolmentSummary>;
  stop(): void;
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

const busy = (s: KeeperSummary) =>
  s.managers.due + s.bookings.looked > 0 ? `keeper: ${JSON.stringify({ ...s.managers, bookings: s.bookings })}` : '';

/** Starts the timer (after the environment is set: the handler reads it at its first run). */
export function startLocalKeeper(env: Record<string, string | undefined>, print = console.log): LocalKeeper {
  const minutes = readKeeperIntervalMinutes(env);
  const runOnce = async () => {
    const { keepOnce } = await import('../functions/handlers/keeper');
    return keepOnce();
  };
  const enrolOnce = async (cursor?: string) => {
    const { enrolOnce: enrol } = await import('../functions/handlers/keeper');
    return enrol(cursor);
  };
  const tick = () =>
    void runOnce()
      .then((summary) => busy(summary) && print(busy(summary)))
      .catch((error: Error) => print(`keeper run failed: ${error.name}: ${error.message}`));
  const timer = minutes > 0 ? setInterval(tick, minutes * 60_000) : undefined;
  // The timer alone must not keep the process alive (tests start and stop the app).
  timer?.unref();
  return {
    runOnce,
    enrolOnce,
    stop: () => clearInterval(timer),
    async handle(req, res, path) {
      if (path !== LOCAL_KEEPER_PATH) return false;
      if (req.method !== 'POST') send(res, 405, { error: `Use POST ${LOCAL_KEEPER_PATH}.` });
      else if (!req.headers[LOCAL_KEEPER_HEADER]) {
        send(res, 403, { error: `A run needs the ${LOCAL_KEEPER_HEADER} header (npm run keeper -- --once sends it).` });
      } else {
        const query = new URL(req.url ?? '/', 'http://local').searchParams;
        const enrol = query.get('enrol');
        try {
          if (enrol !== null && enrol !== '1') throw new ValidationError('Ask for the enrolment with ?enrol=1.');
          send(res, 200, enrol ? await enrolOnce(query.get('cursor') || undefined) : await runOnce());
        } catch (error) {
          const { name, message } = error as Error;
          if (error instanceof ValidationError) send(res, 400, { error: message });
          else send(res, 500, { error: `The keeper run failed: ${name}: ${message}` });
        }
      }
      return true;
    },
  };
}
