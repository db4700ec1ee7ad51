/** Types of layers.mjs (plain JS, so that stryker.layer.config.mjs loads it without a compiler). */
export interface Layer {
  mutate: string[];
  tests: string[];
  timeoutMS: number;
}
export declare const LAYERS: Record<'domain' | 'adapters' | 'edge', Layer>;
export declare function layerOf(env?: Record<string, string | undefined>): Layer & { name: string };
