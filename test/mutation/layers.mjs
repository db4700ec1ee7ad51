// @ts-check
/**
 * The layers of a layered mutation run (npm run mutate:layer): each layer's mutants are judged by that layer's own
 * tests only. That is stricter than the whole suite (a domain mutant only an integration test kills counts as
 * survived) and about 3x faster on 2 cores, because every mutant reruns only the covering tests of a few files.
 * Read by stryker.layer.config.mjs (what to mutate) and vitest.layer.config.ts (which tests judge it).
 */
export const LAYERS = {
  domain: { mutate: ['functions/domain/**/*.ts'], tests: ['test/domain/**/*.test.ts'], timeoutMS: 6_000 },
  adapters: {
    mutate: ['functions/adapters/**/*.ts', '!functions/**/*.data.ts'],
    tests: ['test/adapters/**/*.test.ts', 'test/contracts/**/*.test.ts'],
    timeoutMS: 10_000,
  },
  // Not test/integration/**: those cross every layer, and they take about 85 of the edge suite's 110 s, so a handler
  // mutant rerun them dozens of times (a full edge run was heading for about 7 h on 2 cores). Judged by the handler
  // and runtime tests alone, a handler mutant only an integration test kills counts as survived.
  edge: {
    mutate: ['functions/handlers/**/*.ts', 'functions/runtime/**/*.ts', 'functions/contract/**/*.ts'],
    tests: ['test/handlers/**/*.test.ts', 'test/runtime/**/*.test.ts'],
    timeoutMS: 20_000,
  },
};

/** The layer named by MUTATE_LAYER; throws naming the variable and the choices. */
export function layerOf(env = process.env) {
  const name = env.MUTATE_LAYER ?? '';
  if (!Object.hasOwn(LAYERS, name)) {
    throw new Error(`MUTATE_LAYER=${JSON.stringify(name)}: expected one of ${Object.keys(LAYERS).join(', ')}`);
  }
  return { name, ...LAYERS[/** @type {keyof typeof LAYERS} */ (name)] };
}
