// @ts-check
/**
 * One layer of the layered mutation run: MUTATE_LAYER=domain|adapters|edge (test/mutation/layers.mjs), e.g.
 *   MUTATE_LAYER=domain npm run mutate:layer
 * Reports to reports/mutation/<layer>.json; `npm run mutate:score` merges the layers run so far.
 */
import base from './stryker.config.mjs';
import { layerOf } from './test/mutation/layers.mjs';

const layer = layerOf();
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { ...base.vitest, configFile: 'vitest.layer.config.ts' },
  mutate: layer.mutate,
  timeoutMS: layer.timeoutMS,
  reporters: ['clear-text', 'json', 'progress-append-only'],
  jsonReporter: { fileName: `reports/mutation/${layer.name}.json` },
  incrementalFile: `reports/mutation/${layer.name}-incremental.json`,
};
