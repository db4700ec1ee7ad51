/** What a synchronous call threw, or undefined when it returned: for asserting an error's fields in one expect. */
export function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}
