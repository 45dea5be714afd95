// Settings for installs without enterprise policy; read-only when the organization manages them.
import { fill, h } from '../ui/dom.js';
import { ask } from '../ui/messages.js';

/** @typedef {Awaited<ReturnType<typeof import('../background/status-handlers.js').getSettings>>} Settings */

/**
 * @param {string} label
 * @param {string} name
 * @param {string} value
 * @param {boolean} readOnly
 * @param {string} [type]
 */
function field(label, name, value, readOnly, type = 'text') {
  const input = h(document, 'input', { attrs: { id: name, name, type, value, autocomplete: 'off' } });
  input.readOnly = readOnly;
  return [h(document, 'label', { text: label, attrs: { for: name } }), input];
}

async function show() {
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  /** @type {Settings} */
  const settings = await ask('getSettings');
  const locked = settings.managed;
  const failMode = h(document, 'select', { attrs: { id: 'failMode', name: 'failMode' } }, [
    h(document, 'option', { text: 'Allow AI sites until a policy arrives', attrs: { value: 'open' } }),
    h(document, 'option', { text: 'Block AI sites until a policy arrives', attrs: { value: 'closed' } }),
  ]);
  failMode.value = settings.failMode;
  failMode.disabled = locked;
  const status = h(document, 'p', { attrs: { role: 'status' } });
  const form = h(document, 'form', {}, [
    ...field('Server URL', 'serverUrl', settings.serverUrl, locked, 'url'),
    ...field('Enrollment token', 'enrollmentToken', settings.enrollmentToken, locked, locked ? 'text' : 'password'),
    h(document, 'label', { text: 'Before the first policy', attrs: { for: 'failMode' } }),
    failMode,
    locked ? null : h(document, 'div', { className: 'actions' }, [h(document, 'button', { className: 'primary', text: 'Save', attrs: { type: 'submit' } })]),
    status,
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const result = await ask('saveSettings', { settings: data });
    status.textContent = /** @type {any} */ (result).saved ? 'Saved. Fetching the policy…' : 'Not saved.';
  });
  fill(main, [
    h(document, 'h1', { text: 'Promptgate settings' }),
    locked ? h(document, 'p', { className: 'notice', text: 'Your organization manages these settings.', attrs: { 'data-pg': 'options-managed' } }) : null,
    settings.problems.length > 0 ? h(document, 'p', { className: 'problem', text: settings.problems.join('; ') }) : null,
    form,
    h(document, 'h2', { text: 'Details' }),
    h(document, 'dl', {}, [
      h(document, 'dt', { text: 'Signing keys' }),
      h(document, 'dd', { text: settings.pinnedKeys.length > 0 ? settings.pinnedKeys.join(', ') : 'pinned from the server on first use' }),
      h(document, 'dt', { text: 'Policy refresh' }),
      h(document, 'dd', { text: settings.refreshSeconds === null ? 'as the policy says' : `every ${settings.refreshSeconds} s` }),
      h(document, 'dt', { text: 'History reminders' }),
      h(document, 'dd', { text: `again after ${settings.historyReminderDays} days` }),
    ]),
  ]);
}

show().catch((error) => console.error(error));
