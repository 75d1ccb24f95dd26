/**
 * The error `call` rejects with (a promise) or throws (a function, sync or async); fails the test
 * when it settles without one.
 */
export async function thrownBy<E = Error>(call: Promise<unknown> | (() => unknown)): Promise<E> {
  let outcome: { error: unknown } | undefined;
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (error) {
    outcome = { error };
  }
  if (!outcome) throw new Error('expected an error, but none was thrown');
  return outcome.error as E;
}
