// What the content script draws on a page, worked out in the service worker from the decision and the person's
// state. It holds policy text only; the content script puts it into the page with textContent.
import { dlpViewFor } from './dlp/config.js';
import { acknowledgementDue, reminderDue } from './schedule.js';

/**
 * @typedef {import('./decision.js').Decision} Decision
 * @typedef {import('./bundle.js').PolicyBundle} PolicyBundle
 *
 * @typedef {object} PageState
 * @property {boolean} warningDismissed
 * @property {import('./schedule.js').Acknowledgement | undefined} acknowledgement
 * @property {import('./schedule.js').ReminderState | undefined} reminder
 * @property {number} now
 *
 * @typedef {object} Reminder
 * @property {string} service
 * @property {string[]} steps
 * @property {string | null} settingsUrl
 * @property {string | null} ephemeralMode
 * @property {boolean} stepsUnverified the catalog could not check the steps against the vendor's own pages
 * @property {boolean} ephemeralModeUnverified likewise for the no-history mode
 * @property {string | null} source the vendor page the steps were checked against
 * @property {string | null} reviewedOn when (ISO date)
 *
 * @typedef {object} PageView
 * @property {import('./bundle.js').Action} action
 * @property {string} organization
 * @property {string} subject the service's name, or the host
 * @property {string} message
 * @property {import('./bundle.js').Alternative | null} alternative
 * @property {{ version: number, title: string, html: string } | null} guideline
 * @property {boolean} showWarning
 * @property {boolean} needsAcknowledgement
 * @property {Reminder | null} reminder
 * @property {string[]} inputSelectors
 * @property {import('./dlp/config.js').DlpView | null} dlp what to look for in pastes, prompts and uploads (null: nothing)
 */

/**
 * @param {Decision} decision
 * @param {PolicyBundle} bundle
 * @param {PageState} state
 * @returns {PageView}
 */
export function buildPageView(decision, bundle, state) {
  const service = decision.service;
  const subject = service?.name ?? decision.host;
  const guidelines = bundle.guidelines;
  const needsAcknowledgement =
    decision.action === 'ACKNOWLEDGE' && acknowledgementDue(guidelines, state.acknowledgement, state.now);
  const reminder =
    service?.historyReminder !== undefined && decision.action !== 'BLOCK' && reminderDue(state.reminder, state.now)
      ? {
          service: service.name,
          steps: service.historyReminder.steps,
          settingsUrl: service.historyReminder.settingsUrl ?? null,
          ephemeralMode: service.ephemeralMode ?? null,
          ...reminderSources(service),
        }
      : null;
  return {
    action: decision.action,
    organization: bundle.organization.name,
    subject,
    message: messageFor(decision, subject, bundle.organization.name),
    alternative: service?.alternative ?? null,
    guideline: guidelines === null ? null : { version: guidelines.version, title: guidelines.title, html: needsAcknowledgement ? guidelines.html : '' },
    showWarning: decision.action === 'WARN' && !state.warningDismissed,
    needsAcknowledgement,
    reminder,
    inputSelectors: service?.inputSelectors ?? [],
    dlp: service !== undefined || decision.source === 'unknown' ? dlpViewFor(bundle.dlp, service?.key) : null,
  };
}

/**
 * Whether the reminder's facts were checked, and against what. Without a source, the steps count as unverified.
 * @param {import('./bundle.js').BundleService} service
 */
function reminderSources(service) {
  const unverified = service.unverifiedFacts ?? [];
  const source = service.historyReminder?.source ?? null;
  const stepsUnverified = source === null || unverified.includes('historySteps');
  return {
    stepsUnverified,
    ephemeralModeUnverified: unverified.includes('ephemeralMode'),
    source: stepsUnverified ? null : source,
    reviewedOn: service.historyReminder?.reviewedOn ?? null,
  };
}

/**
 * The admin's words when there are any, else a plain sentence.
 * @param {Decision} decision
 * @param {string} subject
 * @param {string} organization
 */
export function messageFor(decision, subject, organization) {
  if (decision.source === 'blocklist' || decision.source === 'allowlist') {
    if (decision.reason !== undefined) return decision.reason;
  }
  if (decision.source === 'service' && decision.service?.message) return decision.service.message;
  if (decision.reason !== undefined) return decision.reason;
  switch (decision.action) {
    case 'BLOCK':
      return `${organization} does not allow ${subject}.`;
    case 'ACKNOWLEDGE':
      return `${organization} asks you to read and accept its guidelines before you use ${subject}.`;
    case 'WARN':
      return `${subject} is not approved by ${organization}. Do not enter confidential or personal data.`;
    default:
      return '';
  }
}
