/** VAPI_ROUTES and DEFAULT_MANAGER_ID: which manager a call books for, and every bad value named. */
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../functions/contract/env';
import { readRouting } from '../../functions/contract/routing-config';
import { thrown } from '../support/thrown';

const FORM = 'a JSON object of VAPI phoneNumberId/assistantId → manager id, e.g. {"<phoneNumberId>":"pat"}';

/** The problems readRouting reports for `env` (none when it returns). */
const problemsOf = (env: Record<string, string>) =>
  (thrown(() => readRouting(env)) as ConfigError | undefined)?.problems;

describe('Function: readRouting', () => {
  it('routes each phone number or assistant to its manager, trimmed values read', () => {
    // Act
    const routing = readRouting({ VAPI_ROUTES: ' {"ph-1":"pat","asst-2":"sam.lee"} ', DEFAULT_MANAGER_ID: ' kim ' });

    // Assess
    expect(routing.defaultManagerId).toBe('kim');
    expect({ ...routing.routes }).toEqual({ 'ph-1': 'pat', 'asst-2': 'sam.lee' });
  });

  it('has no routes and the demo manager when nothing is set or the routes are blank', () => {
    // Act
    const routing = readRouting({ VAPI_ROUTES: '   ' });

    // Assess
    expect(routing.defaultManagerId).toBe('demo-manager');
    expect({ ...routing.routes }).toEqual({});
  });

  it.each([
    ['not JSON', '{pat}'],
    ['null', 'null'],
    ['a string', '"pat"'],
    ['a number', '5'],
    ['an array', '["pat"]'],
    ['a manager that is not a string', '{"ph-1":5}'],
    ['an empty manager', '{"ph-1":""}'],
  ])('refuses routes that are %s, naming the form', (_case, raw) => {
    // Act + Assess
    expect(problemsOf({ VAPI_ROUTES: raw })).toEqual([`VAPI_ROUTES must be ${FORM}, got "${raw}"`]);
  });

  it('names each variable holding a manager id that is not safe, both at once', () => {
    // Act + Assess
    expect(problemsOf({ DEFAULT_MANAGER_ID: 'pat lee', VAPI_ROUTES: '{"ph-1":"sam/lee"}' })).toEqual([
      'DEFAULT_MANAGER_ID must hold manager ids of 1-128 letters, digits and . _ @ + -, got "pat lee"',
      'VAPI_ROUTES must hold manager ids of 1-128 letters, digits and . _ @ + -, got "sam/lee"',
    ]);
  });
});
