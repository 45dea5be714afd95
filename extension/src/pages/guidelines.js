// The guidelines page: the full current guideline and whether (and when) it was accepted.
import { fill, h } from '../ui/dom.js';
import { sanitizedGuideline } from '../ui/guideline-html.js';
import { ask } from '../ui/messages.js';

async function show() {
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  /** @type {Awaited<ReturnType<typeof import('../background/status-handlers.js').getGuidelines>>} */
  const state = await ask('getGuidelines');
  const guidelines = state.guidelines;
  if (guidelines === null) {
    fill(main, [h(document, 'h1', { text: 'Guidelines' }), h(document, 'p', { text: 'Your organization has not published guidelines yet.' })]);
    return;
  }
  document.title = guidelines.title;
  const body = h(document, 'div', { className: 'guideline', attrs: { 'data-pg': 'guidelines-text' } });
  body.append(sanitizedGuideline(guidelines.html));
  const accepted = state.acknowledgement;
  const accept = h(document, 'button', { className: 'primary', text: 'I accept the guidelines', attrs: { type: 'button', 'data-pg': 'guidelines-accept' } });
  accept.addEventListener('click', async () => {
    accept.disabled = true;
    await ask('acceptGuidelines', { version: guidelines.version });
    await show();
  });
  fill(main, [
    h(document, 'p', { className: 'muted', text: state.organization ?? '' }),
    h(document, 'h1', { text: guidelines.title }),
    h(document, 'p', { className: 'muted', text: `Version ${guidelines.version}`, attrs: { 'data-pg': 'guidelines-version' } }),
    body,
    state.due
      ? h(document, 'div', { className: 'actions' }, [accept])
      : h(document, 'p', {
          className: 'notice',
          text: `You accepted version ${accepted?.version} on ${new Date(accepted?.acknowledgedAt ?? 0).toLocaleDateString()}.`,
        }),
  ]);
}

show().catch((error) => console.error(error));
