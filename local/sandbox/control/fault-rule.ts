/** The body of POST /_sandbox/faults, checked with zod (every bad field named), and the emulator faults it becomes. */
import * as z from 'zod/mini';
import { describeIssues } from '../shared/file-issues';
import { OPERATIONS, type Provider, PROVIDERS, SIGN_IN_OPERATIONS } from './operations';

/** The longest delay a rule may ask for (latencyMs, lateResponseMs): five minutes. */
export const MAX_DELAY_MS = 300_000;

const delay = z.number().check(z.int(), z.gte(0), z.lte(MAX_DELAY_MS));

const ruleSchema = z
  .strictObject({
    provider: z.enum(PROVIDERS),
    operations: z.array(z.string()).check(z.minLength(1), z.maxLength(50)),
    status: z.optional(z.union([z.literal(429), z.literal(503)], { error: 'status must be 429 or 503' })),
    rate: z.optional(z.number().check(z.gte(0), z.lte(1))),
    retryAfterSeconds: z.optional(z.number().check(z.int(), z.gte(0), z.lte(3600))),
    latencyMs: z.optional(delay),
    lateResponseMs: z.optional(delay),
  })
  .check(
    z.superRefine((rule, ctx) => {
      const table = OPERATIONS[rule.provider];
      const valid = Object.keys(table);
      rule.operations.forEach((name, i) => {
        if (name !== '*' && !valid.includes(name))
          ctx.addIssue({
            code: 'custom',
            path: ['operations', i],
            message: `unknown ${rule.provider} operation "${name}"; the operations are ${valid.join(', ')} (or "*")`,
          });
        else if (rule.lateResponseMs && SIGN_IN_OPERATIONS[rule.provider].has(name))
          ctx.addIssue({
            code: 'custom',
            path: ['operations', i],
            message: `lateResponseMs is for calendar operations; "${name}" is a sign-in endpoint`,
          });
      });
      if (rule.retryAfterSeconds !== undefined && rule.status === undefined)
        ctx.addIssue({ code: 'custom', path: ['retryAfterSeconds'], message: 'Retry-After goes with a status' });
      if (rule.status === undefined && !rule.latencyMs && !rule.lateResponseMs)
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: 'the rule changes nothing: give status, latencyMs or lateResponseMs',
        });
    }),
  );

/** A checked rule: what POST /_sandbox/faults took, with its operations as given. */
export type FaultRule = z.infer<typeof ruleSchema>;

/** The fault fields both emulators share, for one of their routes; persistent (until DELETE /_sandbox/faults). */
export interface RouteFault {
  route: string;
  status?: number;
  retryAfter?: string;
  latencyMs?: number;
  lateResponseMs?: number;
  rate?: number;
  times: number;
}

/** Parses a POST body: the rule, or the reasons it is refused (one line per bad field). */
export function parseFaultRule(body: unknown): { rule: FaultRule } | { problems: string[] } {
  const parsed = ruleSchema.safeParse(body);
  return parsed.success ? { rule: parsed.data } : { problems: describeIssues(parsed.error) };
}

/** The routes a rule covers: "*" is every operation (every calendar one, with lateResponseMs). */
export function routesOf(rule: FaultRule): string[] {
  const table = OPERATIONS[rule.provider];
  const all = Object.keys(table).filter((n) => !(rule.lateResponseMs && SIGN_IN_OPERATIONS[rule.provider].has(n)));
  const names = rule.operations.includes('*') ? all : rule.operations;
  return [...new Set(names.flatMap((name) => table[name] ?? []))];
}

/** The emulator faults a rule becomes: one per route, each rolled at `rate` on every matching request. */
export function faultsOf(rule: FaultRule): RouteFault[] {
  return routesOf(rule).map((route) => ({
    route,
    ...(rule.status !== undefined ? { status: rule.status } : {}),
    ...(rule.retryAfterSeconds !== undefined ? { retryAfter: String(rule.retryAfterSeconds) } : {}),
    ...(rule.latencyMs ? { latencyMs: rule.latencyMs } : {}),
    ...(rule.lateResponseMs ? { lateResponseMs: rule.lateResponseMs } : {}),
    ...(rule.rate !== undefined ? { rate: rule.rate } : {}),
    times: Number.POSITIVE_INFINITY,
  }));
}

/** Which provider a body names, if it names one (to answer 404 for a sandbox that is off before judging the rest). */
export function providerNamed(body: unknown): Provider | undefined {
  const provider = (body as { provider?: unknown } | undefined)?.provider;
  return PROVIDERS.find((p) => p === provider);
}
