// Waiting for things that happen a little later: a sync, a batch of events reaching the server.

/**
 * Calls `probe` until it returns a value `test` accepts.
 * @template T
 * @param {() => Promise<T>} probe
 * @param {(value: T) => boolean} test
 * @param {{ timeoutMs?: number, what: string }} options
 * @returns {Promise<T>}
 */
export async function eventually(probe, test, { timeoutMs = 45_000, what }) {
  const deadline = Date.now() + timeoutMs;
  /** @type {T | undefined} */
  let last;
  /** @type {unknown} */
  let lastError;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (test(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const seen = lastError === undefined ? JSON.stringify(last)?.slice(0, 1000) : String(lastError);
  throw new Error(`timed out waiting for ${what}; last seen: ${seen}`);
}
