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
    reminder.ephemeralMode ? h(doc, 'p', { className: 'muted', text: reminder.ephemeralMode }) : null,
    h(doc, 'div', { className: 'actions' }, [
      webLink(doc, reminder.settingsUrl, `Open ${reminder.service} settings`, { attrs: { 'data-pg': 'reminder-settings' } }),
      h(doc, 'button', { className: 'primary', text: 'Done', attrs: { type: 'button', 'data-pg': 'reminder-done' }, on: { click: answer('done') } }),
      h(doc, 'button', { text: 'Remind me later', attrs: { type: 'button', 'data-pg': 'reminder-later' }, on: { click: answer('later') } }),
    ]),
  ]);
  root.append(panel);
  return panel;
}
