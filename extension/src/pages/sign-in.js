// The sign-in page, opened once per browser session when the organization wants to know who uses its AI rules and
// nobody is signed in. The sign-in itself happens in the identity provider's own window.
import { describeIdentity } from '../ui/identity-text.js';
import { fill, h } from '../ui/dom.js';
import { ask } from '../ui/messages.js';

/** @typedef {import('../ui/identity-text.js').IdentityStatus} IdentityStatus */

/** @param {string} [problem] */
async function show(problem) {
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  /** @type {IdentityStatus} */
  const identity = await ask('getIdentity');
  const button = h(document, 'button', { className: 'primary', text: 'Sign in', attrs: { type: 'button', 'data-pg': 'sign-in' } });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await ask('signIn');
      await show();
    } catch (error) {
      await show(`Signing in did not work: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const provider = identity.mode === 'oidc' ? identity.provider : '';
  fill(main, [
    h(document, 'h1', { text: 'Sign in to Promptgate' }),
    h(document, 'p', {
      text: 'Your organization applies its rules for AI websites by person, and counts accepted guidelines per person. Sign in with your work account so that your own rules apply.',
    }),
    h(document, 'p', { text: describeIdentity(identity), attrs: { 'data-pg': 'sign-in-identity', 'data-known': String(identity.known) } }),
    problem === undefined ? null : h(document, 'p', { className: 'problem', text: problem, attrs: { 'data-pg': 'sign-in-problem' } }),
    identity.mode === 'oidc' && !identity.known
      ? h(document, 'div', { className: 'actions' }, [button, h(document, 'span', { className: 'muted', text: provider === '' ? '' : `with ${provider}` })])
      : null,
  ]);
}

show().catch((error) => console.error(error));
