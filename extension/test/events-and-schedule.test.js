import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { enqueueEvents, hostOnly, makeEvent, removeEvents } from '../src/lib/client-events.js';
import { acknowledgementDue, nextReminderState, reminderDue, reminderShowingReported } from '../src/lib/schedule.js';

const context = { deviceId: 'device-1', extensionVersion: '0.1.0', now: Date.parse('2026-11-28T12:00:00Z') };
const DAY = 86_400_000;

describe('makeEvent', () => {
  it('keeps the host of a URL and nothing else of it', () => {
    const event = makeEvent({ type: 'warned', serviceKey: 'chatgpt', host: 'https://user:pw@chatgpt.com:8443/c/secret?q=typed#x', action: 'WARN' }, context);
    assert.deepEqual(Object.keys(event).sort(), ['action', 'deviceId', 'extensionVersion', 'host', 'id', 'occurredAt', 'serviceKey', 'type']);
    assert.equal(event.host, 'chatgpt.com');
    assert.equal(event.occurredAt, '2026-11-28T12:00:00.000Z');
    assert.match(event.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.doesNotMatch(JSON.stringify(event), /secret|typed|user|pw/);
  });

  it('names the groups the policy was compiled for, at most 20', () => {
    const groups = Array.from({ length: 25 }, (_, i) => `g${i}`);
    assert.deepEqual(makeEvent({ type: 'visit', host: 'claude.ai' }, { ...context, groups }).groups, groups.slice(0, 20));
    assert.equal(makeEvent({ type: 'visit', host: 'claude.ai' }, { ...context, groups: [] }).groups, undefined);
  });

  it('drops what is not a host', () => {
    assert.equal(hostOnly('gemini.google.com/app?x'), 'gemini.google.com');
    assert.equal(hostOnly('exa mple'), '');
    assert.equal(makeEvent({ type: 'policy_applied', host: '' }, context).host, undefined);
  });
});

describe('the event queue', () => {
  /** @param {number} n */
  const events = (n) => Array.from({ length: n }, (_, i) => makeEvent({ type: 'visit', host: `h${i}.example` }, { ...context, id: `id-${i}` }));

  it('drops the oldest events beyond its bound and counts them', () => {
    const { queue, dropped } = enqueueEvents(events(8), events(4), 10);
    assert.equal(queue.length, 10);
    assert.equal(dropped, 2);
    assert.equal(queue[0].id, 'id-2');
  });

  it('removes what the server took', () => {
    assert.deepEqual(removeEvents(events(3), new Set(['id-0', 'id-2'])).map((e) => e.id), ['id-1']);
  });
});

describe('acknowledgementDue', () => {
  const guidelines = { version: 3, title: 't', html: '', requireAcknowledgement: true, acknowledgeEveryDays: 90 };

  it('asks when never accepted, for a new version, and after the configured days', () => {
    const now = context.now;
    assert.equal(acknowledgementDue(guidelines, undefined, now), true);
    assert.equal(acknowledgementDue(guidelines, { version: 3, acknowledgedAt: now - DAY }, now), false);
    assert.equal(acknowledgementDue(guidelines, { version: 2, acknowledgedAt: now - DAY }, now), true);
    assert.equal(acknowledgementDue(guidelines, { version: 3, acknowledgedAt: now - 90 * DAY }, now), true);
    assert.equal(acknowledgementDue(null, undefined, now), false);
  });
});

describe('history reminders', () => {
  it('show until answered, then wait a day or the configured period', () => {
    const now = context.now;
    assert.equal(reminderDue(undefined, now), true);
    const shown = nextReminderState(undefined, 'shown', now, 30);
    assert.equal(reminderShowingReported(shown), true);
    assert.equal(reminderDue(shown, now + 1000), true);
    const later = nextReminderState(shown, 'later', now, 30);
    assert.equal(reminderDue(later, now + DAY - 1), false);
    assert.equal(reminderDue(later, now + DAY), true);
    assert.equal(reminderShowingReported(later), false);
    const done = nextReminderState(shown, 'done', now, 30);
    assert.equal(reminderDue(done, now + 29 * DAY), false);
    assert.equal(reminderDue(done, now + 30 * DAY), true);
  });
});
