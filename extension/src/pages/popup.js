// The toolbar popup: the current tab's status and why, the organization, the last sync, the guidelines.
import { fill, h } from '../ui/dom.js';
import { describeIdentity } from '../ui/identity-text.js';
import { ask } from '../ui/messages.js';

const ACTION_LABELS = {
  ALLOW: 'Allowed',
  WARN: 'Allowed with a warning',
  ACKNOWLEDGE: 'Allowed after accepting the guidelines',
  BLOCK: 'Blocked',
};
const SOURCE_LABELS = {
  service: 'Rule for this AI service',
  blocklist: 'Your organization’s blocklist',
  allowlist: 'Your organization’s allowlist',
  unknown: 'AI site outside the catalog',
  none: 'Not an AI site Promptgate governs',
};

/** @param {number | undefined} at */
const when = (at) => (at === undefined ? 'never' : new Date(at).toLocaleString());

async function show() {
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  /** @type {Awaited<ReturnType<typeof import('../background/status-handlers.js').getStatus>>} */
  const status = await ask('getStatus', { url: tab?.url });
  const page = status.page;
  const rows = [
    ['Organization', status.organization ?? '—'],
    ['Reported as', describeIdentity(status.identity), 'popup-identity'],
    ...(status.groups.length > 0 ? [['Your groups', status.groups.join(', '), 'popup-groups']] : []),
    ['Last policy update', when(status.sync.lastSuccessAt)],
    ...(status.sync.failures > 0 && status.sync.lastError ? [['Last problem', status.sync.lastError]] : []),
    ['Events waiting', `${status.eventsQueued}${status.eventsDropped > 0 ? ` (${status.eventsDropped} dropped)` : ''}`],
  ];
  const check = h(document, 'button', { text: 'Check for updates', attrs: { type: 'button' } });
  check.addEventListener('click', async () => {
    check.disabled = true;
    await ask('syncNow').catch((error) => console.warn(error));
    await show();
  });
  fill(main, [
    h(document, 'h1', { text: 'Promptgate' }),
    !status.configured ? h(document, 'p', { className: 'problem', text: `Not set up: ${status.problems.join('; ')}` }) : null,
    page
      ? h(document, 'section', { attrs: { 'data-pg': 'popup-page' } }, [
          h(document, 'p', {}, [
            h(document, 'span', { text: page.subject }),
            document.createTextNode(': '),
            h(document, 'span', { className: `status ${page.action}`, text: ACTION_LABELS[page.action], attrs: { 'data-pg': 'popup-action' } }),
          ]),
          h(document, 'p', { className: 'muted', text: SOURCE_LABELS[page.source], attrs: { 'data-pg': 'popup-why' } }),
          page.message ? h(document, 'p', { text: page.message }) : null,
        ])
      : h(document, 'p', { className: 'muted', text: 'Promptgate does nothing on this page.' }),
    h(
      document,
      'dl',
      {},
      rows.flatMap(([term, value, name]) => [h(document, 'dt', { text: term }), h(document, 'dd', { text: value, attrs: name ? { 'data-pg': name } : {} })]),
    ),
    h(document, 'div', { className: 'actions' }, [
      status.guidelines
        ? h(document, 'a', { className: 'button primary', text: status.guidelines.due ? 'Read and accept the guidelines' : 'Guidelines', attrs: { href: 'guidelines.html', target: '_blank' } })
        : null,
      status.identity.mode === 'oidc' && !status.identity.known
        ? h(document, 'a', { className: 'button primary', text: 'Sign in', attrs: { href: 'sign-in.html', target: '_blank', 'data-pg': 'popup-sign-in' } })
        : null,
      check,
    ]),
  ]);
}

show().catch((error) => console.error(error));
