// Builds DOM from element names and text. Text is always set with textContent; there is no way to pass HTML here.

/**
 * @typedef {object} Props
 * @property {string} [className]
 * @property {string} [text]
 * @property {Record<string, string>} [attrs]
 * @property {Record<string, (event: Event) => void>} [on]
 */

/**
 * @template {keyof HTMLElementTagNameMap} T
 * @param {Document} doc
 * @param {T} tag
 * @param {Props} [props]
 * @param {(Node | null | undefined | false)[]} [children]
 * @returns {HTMLElementTagNameMap[T]}
 */
export function h(doc, tag, props = {}, children = []) {
  const element = doc.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const [name, listener] of Object.entries(props.on ?? {})) element.addEventListener(name, listener);
  for (const child of children) if (child) element.append(child);
  return element;
}

/**
 * A link that opens in a new tab, for http(s) URLs only; null for anything else.
 * @param {Document} doc
 * @param {string | null | undefined} url
 * @param {string} text
 * @param {Props} [props]
 * @returns {HTMLAnchorElement | null}
 */
export function webLink(doc, url, text, props = {}) {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return null;
  return h(doc, 'a', { ...props, text, attrs: { ...props.attrs, href: url, target: '_blank', rel: 'noopener noreferrer' } });
}

/**
 * Replaces the children of `parent`, skipping the empty slots of optional parts.
 * @param {Element} parent
 * @param {(Node | string | null | undefined | false)[]} children
 */
export function fill(parent, children) {
  /** @type {(Node | string)[]} */
  const present = [];
  for (const child of children) if (child) present.push(child);
  parent.replaceChildren(...present);
}
