// History / training reminder: the service's own steps to turn off chat history and training, with its settings link.
import { h, webLink } from '../ui/dom.js';

/**
 * @param {ShadowRoot} root
 * @param {NonNullable<import('../lib/page-view.js').PageView['reminder']>} reminder
 * @param {(answer: 'done' | 'later') => void} onAnswer
 */
export function showReminder(root, reminder, onAnswer) {
  const doc = document;
  /** @param {'done' | 'later'} answer */
  const answer = (answer) => () => {
    panel.remove();
    onAnswer(answer);
  };
  const panel = h(doc, 'section', { className: 'reminder', attrs: { role: 'dialog', 'aria-label': 'Privacy reminder', 'data-pg': 'reminder' } }, [
    h(doc, 'h2', { text: `Turn off chat history and training in ${reminder.service}` }),
    h(doc, 'ol', { attrs: { 'data-pg': 'reminder-steps' } }, reminder.steps.map((step) => h(doc, 'li', { text: step }))),
    sourceLine(doc, reminder),
    reminder.ephemeralMode
      ? h(doc, 'p', {
          className: 'muted',
          text: reminder.ephemeralModeUnverified ? `Not confirmed by ${reminder.service}: ${reminder.ephemeralMode}` : reminder.ephemeralMode,
          attrs: { 'data-pg': 'reminder-ephemeral' },
        })
      : null,
    h(doc, 'div', { className: 'actions' }, [
      webLink(doc, reminder.settingsUrl, `Open ${reminder.service} settings`, { attrs: { 'data-pg': 'reminder-settings' } }),
      h(doc, 'button', { className: 'primary', text: 'Done', attrs: { type: 'button', 'data-pg': 'reminder-done' }, on: { click: answer('done') } }),
      h(doc, 'button', { text: 'Remind me later', attrs: { type: 'button', 'data-pg': 'reminder-later' }, on: { click: answer('later') } }),
    ]),
  ]);
  root.append(panel);
  return panel;
}

/**
 * Says where the steps come from, so that steps nobody could check are never shown as certain.
 * @param {Document} doc
 * @param {NonNullable<import('../lib/page-view.js').PageView['reminder']>} reminder
 */
function sourceLine(doc, reminder) {
  if (reminder.stepsUnverified) {
    return h(doc, 'p', {
      className: 'caution',
      text: `These steps could not be confirmed on ${reminder.service}'s own pages; the menus may look different.`,
      attrs: { 'data-pg': 'reminder-unverified' },
    });
  }
  const checked = reminder.reviewedOn === null ? 'Checked against ' : `Checked on ${reminder.reviewedOn} against `;
  return h(doc, 'p', { className: 'muted', attrs: { 'data-pg': 'reminder-source' } }, [
    doc.createTextNode(checked),
    webLink(doc, reminder.source, `${reminder.service}'s help page`) ?? doc.createTextNode("the vendor's help page"),
  ]);
}
