// Notices that the person started typing into the service's prompt box (found with the bundle's inputSelectors),
// once. It looks at where the keystroke went, never at what was typed.

/**
 * @param {string[]} selectors
 * @param {() => void} onFirstInput
 * @param {AbortSignal} signal ends the watch
 */
export function watchPromptInput(selectors, onFirstInput, signal) {
  const valid = selectors.filter((s) => {
    try {
      document.createDocumentFragment().querySelector(s);
      return true;
    } catch {
      return false;
    }
  });
  if (valid.length === 0) return;
  const selector = valid.join(', ');
  /** @param {Event} event */
  const listener = (event) => {
    if (!(event.target instanceof Element) || event.target.closest(selector) === null) return;
    window.removeEventListener('beforeinput', listener, { capture: true });
    onFirstInput();
  };
  window.addEventListener('beforeinput', listener, { capture: true, signal });
}
