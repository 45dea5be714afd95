// The guideline HTML comes sanitized from the server; it is sanitized again here before it is shown, into a DOM
// fragment (never through innerHTML), with links opening in a new tab.
import DOMPurify from 'dompurify';

const CONFIG = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'img', 'svg', 'math'],
  FORBID_ATTR: ['style', 'id', 'class'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
};

/**
 * @param {string} html
 * @returns {DocumentFragment}
 */
export function sanitizedGuideline(html) {
  const fragment = DOMPurify.sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
  for (const link of fragment.querySelectorAll('a')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  return fragment;
}
