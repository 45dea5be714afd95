import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { decideUrl } from '../src/lib/decision.js';
import { buildPageView } from '../src/lib/page-view.js';
import { compilePolicy } from '../src/lib/policy.js';
import { sampleBundle } from './sample-bundle.js';

const bundle = sampleBundle();
const policy = compilePolicy(bundle);
const now = Date.parse('2026-11-28T12:00:00Z');
const fresh = { warningDismissed: false, acknowledgement: undefined, reminder: undefined, now };
/** @param {string} url @param {Partial<import('../src/lib/page-view.js').PageState>} [state] */
const view = (url, state = {}) => buildPageView(decideUrl(policy, url), bundle, { ...fresh, ...state });

describe('buildPageView', () => {
  it('warns with the admin message, the alternative and the history steps', () => {
    const v = view('https://chatgpt.com/');
    assert.equal(v.showWarning, true);
    assert.equal(v.message, 'Use Acme GPT for work.');
    assert.deepEqual(v.alternative, { name: 'Acme GPT', url: 'https://gpt.acme.example/' });
    assert.deepEqual(v.reminder?.steps, ['Open Settings', 'Turn off training']);
    assert.deepEqual(v.inputSelectors, ['#prompt-textarea']);
    assert.equal(v.guideline?.html, '', 'the guideline text is sent only when it must be accepted');
  });

  it('hides a dismissed warning and an answered reminder', () => {
    const v = view('https://chatgpt.com/', { warningDismissed: true, reminder: { remindAfter: now + 1 } });
    assert.equal(v.showWarning, false);
    assert.equal(v.reminder, null);
  });

  it('asks for the acknowledgement with the full guideline until it is given', () => {
    const v = view('https://gemini.google.com/');
    assert.equal(v.needsAcknowledgement, true);
    assert.equal(v.guideline?.html, bundle.guidelines?.html);
    assert.match(v.message, /accept its guidelines/);
    assert.equal(view('https://gemini.google.com/', { acknowledgement: { version: 3, acknowledgedAt: now } }).needsAcknowledgement, false);
  });

  it('uses the list entry reason and the host for sites outside the catalog', () => {
    const v = view('https://character.ai/');
    assert.equal(v.subject, 'character.ai');
    assert.equal(v.message, 'Not for work.');
    assert.equal(v.reminder, null);
  });

  describe('where the reminder\'s facts come from', () => {
    /** @param {(service: import('../src/lib/bundle.js').BundleService) => void} change @param {string} url */
    const viewWith = (change, url = 'https://chatgpt.com/') => {
      const changed = sampleBundle();
      change(changed.services[0]);
      return buildPageView(decideUrl(compilePolicy(changed), url), changed, fresh).reminder;
    };

    it('names the vendor page that checked steps come from, and when', () => {
      const reminder = viewWith((s) => {
        s.historyReminder = { steps: ['Open Settings'], source: 'https://help.openai.com/en/articles/7730893', reviewedOn: '2026-12-02' };
      });
      assert.equal(reminder?.stepsUnverified, false);
      assert.equal(reminder?.source, 'https://help.openai.com/en/articles/7730893');
      assert.equal(reminder?.reviewedOn, '2026-12-02');
    });

    it('never presents unverified steps as checked, even with a source', () => {
      const flagged = viewWith((s) => {
        s.historyReminder = { steps: ['Open Settings'], source: 'https://help.openai.com/', reviewedOn: '2026-12-02' };
        s.unverifiedFacts = ['historySteps'];
      });
      assert.equal(flagged?.stepsUnverified, true);
      assert.equal(flagged?.source, null);
      const sourceless = viewWith((s) => {
        s.historyReminder = { steps: ['Open Settings'] };
      });
      assert.equal(sourceless?.stepsUnverified, true, 'steps without a source count as unverified');
    });

    it('flags an unverified no-history mode', () => {
      const reminder = viewWith((s) => {
        s.ephemeralMode = 'Incognito Chat';
        s.unverifiedFacts = ['ephemeralMode'];
      });
      assert.equal(reminder?.ephemeralMode, 'Incognito Chat');
      assert.equal(reminder?.ephemeralModeUnverified, true);
    });
  });
});
