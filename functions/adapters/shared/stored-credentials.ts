/** Reading a provider's opened (decrypted) credentials back: JSON checked by the provider's own schema. */
import { ReconnectRequiredError } from '../../domain/errors';

/** What this needs of a zod schema. */
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * `plaintext` as JSON read by `schema`; anything unreadable (not JSON, not the schema's shape) cannot be repaired
 * but by connecting again, so it is a ReconnectRequiredError saying `unreadable`.
 */
export function parseStoredCredentials<T>(plaintext: string, schema: Schema<T>, unreadable: string): T {
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ReconnectRequiredError(unreadable);
  return parsed.data;
}
