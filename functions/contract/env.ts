/** Reading environment variables: fail fast, naming the variable, its value and the form expected. */

export type Env = Record<string, string | undefined>;

/** Thrown at cold start when configuration is missing or malformed; `problems` holds one line per bad variable. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(message: string | string[]) {
    const problems = Array.isArray(message) ? message : [message];
    super(problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Runs every reader and returns their values, or throws one ConfigError holding every reader's problems: a bad
 * configuration is reported whole, not one variable per attempt.
 */
export function gather<T extends object>(readers: { [K in keyof T]: () => T[K] }): T {
  const out: Partial<T> = {};
  const problems: string[] = [];
  for (const key of Object.keys(readers) as (keyof T)[]) {
    try {
      out[key] = readers[key]();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out as T;
}

/** The reader's value, or `fallback` when it reports a configuration problem (reported elsewhere). */
export function orDefault<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) return fallback;
    throw error;
  }
}

/** The value of a required variable. */
export function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} environment variable is not set`);
  return value;
}

/** An optional integer variable within [min, max], else `fallback`. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** An optional true/false variable, else `fallback`. */
export function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new ConfigError(`${name} must be true or false, got "${env[name]!.trim()}"`);
}
