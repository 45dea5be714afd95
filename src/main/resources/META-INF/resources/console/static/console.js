// Promptgate console: the one script, served from the server itself (the CSP allows no other and no inline code).
// Pages work without it; it only adds "copy" buttons for text meant to be pasted elsewhere.
'use strict';
document.addEventListener('click', async (event) => {
  const target = event.target;
  if (!(target instanceof HTMLButtonElement) || !target.dataset.copy) return;
  const source = document.getElementById(target.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent ?? '');
    target.textContent = 'Copied';
  } catch {
    target.textContent = 'Copy failed: select the text and copy it';
  }
});
