/** A stand-in for functions/runtime/secrets that records the name of every secret read through its secret source. */
type SecretsModule = typeof import('../../functions/runtime/secrets');

/** The `vi.doMock('…/runtime/secrets', …)` factory: the real module, its `secretSource` pushing each name to `reads`. */
export function recordingSecrets(reads: string[]) {
  return async (original: <T>() => Promise<T>): Promise<SecretsModule> => {
    const actual = await original<SecretsModule>();
    const secretSource: SecretsModule['secretSource'] = (...args) => {
      const source = actual.secretSource(...args);
      const get = (name: string) => {
        reads.push(name);
        return source.get(name);
      };
      return { get, versions: (name) => source.versions(name) };
    };
    return { ...actual, secretSource };
  };
}
