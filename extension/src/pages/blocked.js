// The page blocked navigations are redirected to. The blocked URL is in the fragment; only its host is shown.
import { fill, h, webLink } from '../ui/dom.js';
import { ask } from '../ui/messages.js';

/** @typedef {import('../background/block-handlers.js').BlockInfo} BlockInfo */

async function show() {
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  const target = location.hash.slice(1);
  // The service worker records a block only for its own redirects, each once; reloading is not a second block.
  const filter = target.startsWith('filter=') ? decodeURIComponent(target.slice('filter='.length)) : null;
  if (target.startsWith('tenant=')) {
    const params = new URLSearchParams(target);
    showTenantRefusal(main, await ask('getBlockInfo', { tenant: params.get('tenant'), host: params.get('host') }));
    return;
  }
  /** @type {BlockInfo} */
  const info = await ask('getBlockInfo', filter === null ? { url: target } : { filter });
  if (!info.blocked) {
    if (info.continueUrl !== undefined) {
      location.replace(info.continueUrl);
      return;
    }
    fill(main, [
      h(document, 'h1', { text: `${info.host} is not blocked` }),
      h(document, 'p', { text: 'Your organization’s policy changed since this page was blocked.' }),
      webLink(document, info.address ?? target, `Go to ${info.host}`, { className: 'button primary' }),
    ]);
    return;
  }
  document.title = `${info.subject} is blocked`;
  fill(main, [
    h(document, 'h1', { text: `${info.subject} is blocked`, attrs: { 'data-pg': 'blocked-title' } }),
    h(document, 'p', { text: info.message ?? '', attrs: { 'data-pg': 'blocked-reason' } }),
    h(document, 'p', { className: 'muted', text: `Address: ${info.host}`, attrs: { 'data-pg': 'blocked-host' } }),
    h(document, 'div', { className: 'actions' }, [
      info.alternative
        ? webLink(document, info.alternative.url, `Use ${info.alternative.name} instead`, { className: 'button primary', attrs: { 'data-pg': 'blocked-alternative' } })
        : null,
      info.hasGuidelines ? h(document, 'a', { className: 'button', text: 'Read the guidelines', attrs: { href: 'guidelines.html', 'data-pg': 'blocked-guidelines' } }) : null,
    ]),
    info.organization ? h(document, 'p', { className: 'muted', text: `This rule is set by ${info.organization} through Promptgate.` }) : '',
  ]);
}

/**
 * A vendor refused the person's account under the organization's tenant restriction.
 * @param {HTMLElement} main
 * @param {BlockInfo} info
 */
function showTenantRefusal(main, info) {
  document.title = `${info.subject} refused this account`;
  fill(main, [
    h(document, 'h1', { text: `${info.subject} refused this account`, attrs: { 'data-pg': 'blocked-title' } }),
    h(document, 'p', { text: info.message ?? '', attrs: { 'data-pg': 'blocked-reason' } }),
    h(document, 'p', { className: 'muted', text: `Address: ${info.host}`, attrs: { 'data-pg': 'blocked-host' } }),
    h(document, 'div', { className: 'actions' }, [
      webLink(document, info.address ?? `https://${info.host}/`, `Sign in to ${info.subject} again`, { className: 'button primary' }),
      info.hasGuidelines ? h(document, 'a', { className: 'button', text: 'Read the guidelines', attrs: { href: 'guidelines.html' } }) : null,
    ]),
  ]);
}

// Also in a frame: an AI service embedded in another page is replaced by this page. It only shows text and links.
show().catch((error) => {
  console.error(error);
  const main = document.getElementById('main');
  if (main) fill(main, [h(document, 'h1', { text: 'This page is blocked by your organization' })]);
});
