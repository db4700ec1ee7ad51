/** The suite of one mutation layer (MUTATE_LAYER, see test/mutation/layers.mjs): the same settings, fewer files. */
import { defineConfig } from 'vitest/config';
import { layerOf } from './test/mutation/layers.mjs';
import base from './vitest.config';

export default defineConfig({ test: { ...base.test, include: layerOf().tests } });
