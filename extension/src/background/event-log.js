// Records events into the bounded queue in storage.local and sends them in batches to POST /api/v1/client/events.
// An event leaves the queue only after the server answered 2xx for its batch; failures wait with backoff and jitter.
import { backoffSeconds, retryAfterSeconds } from '../lib/backoff.js';
import { canSync } from '../lib/config.js';
import { enqueueEvents, makeEvent, removeEvents } from '../lib/client-events.js';
import { loadConfig } from './config-source.js';
import { forgetSession, identityHeaders, USER_TOKEN_HEADER } from './identity.js';
import { currentPolicy } from './policy-store.js';
import { readLocal, updateLocal } from './storage.js';

export const FLUSH_ALARM = 'flush-events';
const SEND_DELAY_MS = 1500;

/** @type {Promise<void> | null} */
let flushing = null;
/** @type {ReturnType<typeof setTimeout> | null} */
let pendingSend = null;

/** @param {import('../lib/client-events.js').EventFacts} facts */
export async function recordEvent(facts) {
  const [deviceId, policy] = await Promise.all([readLocal('deviceId'), currentPolicy()]);
  const groups = policy?.bundle.groups ?? [];
  const event = makeEvent(facts, { deviceId, extensionVersion: chrome.runtime.getManifest().version, now: Date.now(), groups });
  let dropped = 0;
  await updateLocal('eventQueue', (queue) => {
    const result = enqueueEvents(queue, [event]);
    dropped = result.dropped;
    return result.queue;
  });
  if (dropped > 0) await updateLocal('eventsDropped', (n) => n + dropped);
  // Events of one page come together: send them in one batch, shortly.
  pendingSend ??= setTimeout(() => {
    pendingSend = null;
    void flushEvents();
  }, SEND_DELAY_MS);
}

/**
 * Sends queued events until the queue is empty or the server fails.
 * @param {{ force?: boolean }} [options] force: ignore the backoff (the person asked for it)
 */
export function flushEvents({ force = false } = {}) {
  flushing ??= send(force).finally(() => {
    flushing = null;
  });
  return flushing;
}

/** @param {boolean} force */
async function send(force) {
  const config = await loadConfig();
  if (!canSync(config)) return;
  let state = await readLocal('eventSending');
  if (!force && state.notBefore !== undefined && Date.now() < state.notBefore) {
    await chrome.alarms.create(FLUSH_ALARM, { when: state.notBefore });
    return;
  }
  for (;;) {
    const batch = (await readLocal('eventQueue')).slice(0, state.batchSize);
    if (batch.length === 0) return;
    // Events wait until the person is known, so that they are counted for them; signing in sends them.
    const identity = await identityHeaders(config);
    if (identity === null) return;
    const outcome = await post(config, identity, batch);
    if (outcome.ok) {
      const sent = new Set(batch.map((e) => e.id));
      await updateLocal('eventQueue', (queue) => removeEvents(queue, sent));
      state = await updateLocal('eventSending', (s) => ({ failures: 0, batchSize: s.batchSize, lastSentAt: Date.now() }));
    } else if (outcome.tooLarge && state.batchSize > 1) {
      state = await updateLocal('eventSending', (s) => ({ ...s, batchSize: Math.max(1, Math.floor(s.batchSize / 2)) }));
    } else {
      state = await updateLocal('eventSending', (s) => {
        const failures = s.failures + 1;
        const wait = outcome.retryAfter ?? backoffSeconds(failures, { baseSeconds: 5, maxSeconds: 900 });
        return { ...s, failures, notBefore: Date.now() + wait * 1000, lastError: outcome.error };
      });
      console.warn('sending events failed; retrying later', outcome.error);
      await chrome.alarms.create(FLUSH_ALARM, { when: state.notBefore ?? Date.now() });
      return;
    }
  }
}

/**
 * @param {import('../lib/config.js').ExtensionConfig} config
 * @param {Record<string, string>} identity headers that say who the person is
 * @param {import('../lib/client-events.js').ClientEvent[]} events
 * @returns {Promise<{ ok: true } | { ok: false, error: string, retryAfter?: number, tooLarge?: boolean }>}
 */
async function post(config, identity, events) {
  let response;
  try {
    response = await fetch(`${config.serverUrl}/api/v1/client/events`, {
      method: 'POST',
      headers: { ...identity, Authorization: `Bearer ${config.enrollmentToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ events }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (error) {
    return { ok: false, error: `the server cannot be reached (${String(error)})` };
  }
  if (response.ok) {
    const answer = await response.json().catch(() => ({}));
    // A refused event would be refused again: it leaves the queue with its batch, and is logged here.
    if (Array.isArray(answer.rejected) && answer.rejected.length > 0) console.warn('the server refused events', answer.rejected);
    return { ok: true };
  }
  // An expired or revoked sign-in: the next attempt renews it.
  if (response.status === 401 && USER_TOKEN_HEADER in identity) await forgetSession();
  const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'), Date.now()) ?? undefined;
  return { ok: false, error: `HTTP ${response.status}`, tooLarge: response.status === 413, ...(retryAfter === undefined ? {} : { retryAfter }) };
}
