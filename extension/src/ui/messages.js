// Talks to the service worker. Every answer is {ok, value} or {ok: false, error}.

/**
 * @template T
 * @param {string} type
 * @param {Record<string, unknown>} [payload]
 * @returns {Promise<T>}
 */
export async function ask(type, payload = {}) {
  const answer = await chrome.runtime.sendMessage({ type, ...payload });
  if (answer?.ok !== true) throw new Error(`${type}: ${answer?.error ?? 'no answer'}`);
  return answer.value;
}
