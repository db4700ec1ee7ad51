import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FaultRule, faultsOf, parseFaultRule, routesOf } from '../../../local/sandbox/control/fault-rule';
import { GOOGLE_OPERATIONS, MICROSOFT_OPERATIONS } from '../../../local/sandbox/control/operations';

const FIXTURES = join(import.meta.dirname, '../../events/sandbox/faults');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

/** The rule a body parses to (fails the test when it is refused). */
function ruleOf(body: unknown): FaultRule {
  const parsed = parseFaultRule(body);
  if (!('rule' in parsed)) throw new Error(`refused: ${parsed.problems.join('; ')}`);
  return parsed.rule;
}

/** The reasons a body is refused (empty when it is taken). */
const problemsOf = (body: unknown) => {
  const parsed = parseFaultRule(body);
  return 'problems' in parsed ? parsed.problems : [];
};

describe('Function: parseFaultRule', () => {
  it.each([
    'microsoft-ambiguous-create.json',
    'microsoft-throttle.json',
    'google-slow-updates.json',
    'google-every-operation.json',
  ])('takes the documented example %s as given', (name) => {
    // Prepare
    const body = fixture(name);
    // Act
    const rule = ruleOf(body);
    // Assess
    expect(rule).toEqual(body);
  });

  it('names an unknown operation and lists the valid ones of that provider', () => {
    // Prepare
    const body = { ...fixture('google-slow-updates.json'), operations: ['eventsList', 'calendarView'] };
    // Act
    const problems = problemsOf(body);
    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('operations[1]: unknown google operation "calendarView"');
    expect(problems[0]).toContain(Object.keys(GOOGLE_OPERATIONS).join(', '));
  });

  it.each([
    [{ status: 500 }, 'status: status must be 429 or 503'],
    [{ rate: 1.5 }, 'rate:'],
    [{ rate: -0.1 }, 'rate:'],
    [{ latencyMs: -1 }, 'latencyMs:'],
    [{ latencyMs: 300_001 }, 'latencyMs:'],
    [{ lateResponseMs: 2.5 }, 'lateResponseMs:'],
    [{ retryAfterSeconds: '2' }, 'retryAfterSeconds:'],
    [{ operations: [] }, 'operations:'],
    [{ provider: 'outlook' }, 'provider:'],
    [{ latency: 100 }, '(root): Unrecognized key'],
  ])('refuses %o, naming the field', (change, expected) => {
    // Prepare
    const body = { ...fixture('microsoft-throttle.json'), ...change };
    // Act
    const problems = problemsOf(body);
    // Assess
    expect(problems.join('\n')).toContain(expected);
  });

  it('refuses a Retry-After without a status, and a rule that changes nothing', () => {
    // Prepare
    const base = { provider: 'microsoft', operations: ['getEvent'] };
    // Act
    const retryOnly = problemsOf({ ...base, retryAfterSeconds: 3 });
    const nothing = problemsOf({ ...base, rate: 1, latencyMs: 0 });
    // Assess
    expect(retryOnly).toContain('retryAfterSeconds: Retry-After goes with a status');
    expect(nothing).toEqual(['(root): the rule changes nothing: give status, latencyMs or lateResponseMs']);
  });

  it('refuses a late answer from a sign-in endpoint', () => {
    // Prepare
    const body = { provider: 'microsoft', operations: ['createEvent', 'token'], lateResponseMs: 100 };
    // Act
    const problems = problemsOf(body);
    // Assess
    expect(problems).toEqual([
      'operations[1]: lateResponseMs is for calendar operations; "token" is a sign-in endpoint',
    ]);
  });

  it('refuses a body that is not an object', () => {
    // Act & Assess
    expect(problemsOf(undefined)[0]).toMatch(/^\(root\): /);
    expect(problemsOf([1])[0]).toMatch(/^\(root\): /);
  });
});

describe('Function: routesOf', () => {
  it("maps Google's domain names onto its Calendar routes", () => {
    // Prepare
    const rule = ruleOf({ provider: 'google', operations: ['createEvent', 'eventsList', 'updateEvent'], status: 503 });
    // Act
    const routes = routesOf(rule);
    // Assess
    expect(routes).toEqual(['insertEvent', 'listEvents', 'patchEvent', 'updateEvent']);
  });

  it('reads "*" as every operation, and as every calendar operation for a late answer', () => {
    // Prepare
    const throttle = ruleOf({ provider: 'microsoft', operations: ['*'], status: 429 });
    const late = ruleOf(fixture('google-every-operation.json'));
    // Act
    const all = routesOf(throttle);
    const calendar = routesOf(late);
    // Assess
    expect(all).toEqual(Object.values(MICROSOFT_OPERATIONS).flat());
    expect(calendar).toContain('insertEvent');
    expect(calendar).not.toContain('token');
    expect(calendar).not.toContain('revoke');
  });
});

describe('Function: faultsOf', () => {
  it('makes one persistent emulator fault per route, with Retry-After in seconds and the rate kept', () => {
    // Prepare
    const rule = ruleOf(fixture('microsoft-throttle.json'));
    // Act
    const faults = faultsOf(rule);
    // Assess
    expect(faults).toEqual([
      { route: 'calendarView', status: 429, retryAfter: '2', rate: 0.5, times: Number.POSITIVE_INFINITY },
      { route: 'createEvent', status: 429, retryAfter: '2', rate: 0.5, times: Number.POSITIVE_INFINITY },
    ]);
  });

  it('carries the delays over, and leaves the rate out (every request) when none is given', () => {
    // Prepare
    const rule = ruleOf({ ...fixture('microsoft-ambiguous-create.json'), latencyMs: 250 });
    // Act
    const [fault] = faultsOf(rule);
    // Assess
    expect(fault).toEqual({
      route: 'createEvent',
      status: 503,
      latencyMs: 250,
      lateResponseMs: 6000,
      times: Number.POSITIVE_INFINITY,
    });
  });
});
