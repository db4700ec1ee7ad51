/**
 * The admin schemas loaded afresh (their values are module-level: test/mutation/README.md "Module-level values"),
 * with the ValidationError class of the same module graph, and the refusal a parse throws.
 */
import { vi } from 'vitest';

export type Schemas = typeof import('../../functions/handlers/admin/schemas');

/** A fresh load of schemas.ts; `refusal(parse)` is the { message, reason } of the ValidationError parse throws. */
export async function freshSchemas() {
  vi.resetModules();
  const schemas: Schemas = await import('../../functions/handlers/admin/schemas');
  const { ValidationError } = await import('../../functions/domain/errors');
  const refusal = (parse: () => unknown): { message: string; reason: string } => {
    try {
      parse();
    } catch (error) {
      if (error instanceof ValidationError) return { message: error.message, reason: error.reason };
      throw error;
    }
    throw new Error('accepted');
  };
  return { schemas, refusal };
}
