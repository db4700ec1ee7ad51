/**
 * The sandboxes' control routes on the local server: /_sandbox/faults (inject provider failures over HTTP) and
 * /_sandbox/stats (request counts). Only `npm start` and the test LocalApp mount them; nothing under functions/ does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault as GoogleFault, GoogleEmulator } from '../google';
import type { Fault as MicrosoftFault, MicrosoftEmulator } from '../microsoft';
import { BadRequestBody, readJson, sendJson } from '../shared/http';
import { type FaultRule, faultsOf, parseFaultRule, providerNamed, type RouteFault } from './fault-rule';
import { type Provider, PROVIDERS } from './operations';
import { RequestStats } from './stats';

export interface SandboxControlInput {
  microsoft?: MicrosoftEmulator;
  google?: GoogleEmulator;
  /** Epoch-ms clock of the stats' `since`; default Date.now. */
  clock?: () => number;
}

export interface SandboxControl {
  /** Whether a path below /_sandbox is one of these routes. */
  owns(path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
}

const OFF: Record<Provider, string> = {
  microsoft:
    'The Microsoft sandbox is off: MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET are set, so the app talks to ' +
    'Microsoft 365 itself, and there is nothing here to inject faults into or count.',
  google:
    'The Google sandbox is off: GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are set, so the app talks to Google ' +
    'itself, and there is nothing here to inject faults into or count.',
};
const NONE_RUNS = 'No sandbox runs: both providers have real credentials, so there are no sandbox faults or counts.';

/** Creates the control routes over the emulators that run (an absent one answers 404 with the reason). */
export function createSandboxControl(input: SandboxControlInput): SandboxControl {
  const { microsoft, google } = input;
  const running = PROVIDERS.filter((p) => input[p] !== undefined);
  const rules: Record<Provider, FaultRule[]> = { microsoft: [], google: [] };
  const stats = new RequestStats({ microsoft, google }, input.clock);
  const add = (fault: RouteFault, provider: Provider) =>
    // The operation tables are typed against each emulator's routes, so the route is one it knows.
    provider === 'microsoft'
      ? microsoft?.faults.add(fault as MicrosoftFault)
      : google?.faults.add(fault as GoogleFault);

  async function faults(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    if (req.method === 'GET') {
      if (!running.length) return sendJson(res, 404, { error: NONE_RUNS });
      return sendJson(res, 200, Object.fromEntries(running.map((p) => [p, rules[p]])));
    }
    if (req.method === 'DELETE') {
      const asked = query.get('provider');
      const provider = PROVIDERS.find((p) => p === asked);
      if (asked !== null && !provider)
        return sendJson(res, 400, { error: `provider must be one of ${PROVIDERS.join(', ')}, got "${asked}"` });
      if (provider && !input[provider]) return sendJson(res, 404, { error: OFF[provider] });
      if (!running.length) return sendJson(res, 404, { error: NONE_RUNS });
      const cleared = provider ? [provider] : running;
      for (const p of cleared) {
        input[p]?.faults.clear();
        rules[p] = [];
      }
      return sendJson(res, 200, { cleared });
    }
    const body = await readJson(req);
    const named = providerNamed(body);
    if (named && !input[named]) return sendJson(res, 404, { error: OFF[named] });
    const parsed = parseFaultRule(body);
    if ('problems' in parsed)
      return sendJson(res, 400, { error: `Bad fault rule: ${parsed.problems.join('; ')}`, problems: parsed.problems });
    const { rule } = parsed;
    for (const fault of faultsOf(rule)) add(fault, rule.provider);
    rules[rule.provider].push(rule);
    sendJson(res, 201, { provider: rule.provider, added: rule, rules: rules[rule.provider] });
  }

  function counts(req: IncomingMessage, res: ServerResponse): void {
    if (!running.length) sendJson(res, 404, { error: NONE_RUNS });
    else {
      if (req.method === 'DELETE') stats.reset();
      sendJson(res, 200, stats.read());
    }
  }

  const ALLOW: Record<string, string[]> = { '/faults': ['GET', 'POST', 'DELETE'], '/stats': ['GET', 'DELETE'] };
  const pathOf = (path: string) => new URL(path, 'http://sandbox.invalid');
  return {
    owns: (path) => Object.hasOwn(ALLOW, pathOf(path).pathname),
    async handle(req, res, path) {
      const url = pathOf(path);
      const allowed = ALLOW[url.pathname] ?? [];
      if (!allowed.includes(req.method ?? 'GET'))
        return sendJson(
          res,
          405,
          { error: `${url.pathname} takes ${allowed.join(', ')}` },
          { Allow: allowed.join(', ') },
        );
      try {
        if (url.pathname === '/stats') counts(req, res);
        else await faults(req, res, url.searchParams);
      } catch (error) {
        if (!(error instanceof BadRequestBody)) throw error;
        sendJson(res, 400, { error: `Bad fault rule: ${error.message}` });
      }
    },
  };
}
