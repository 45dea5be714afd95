// When to ask again: guideline acknowledgements and history reminders.

const DAY = 86_400_000;
export const REMIND_LATER_MS = DAY;

/**
 * @typedef {{ version: number, acknowledgedAt: number }} Acknowledgement
 * @typedef {{ remindAfter?: number, shownReportedAt?: number }} ReminderState
 */

/**
 * Whether the current guideline must be accepted (again): never accepted, a newer version, or too long ago.
 * @param {import('./bundle.js').Guidelines | null} guidelines
 * @param {Acknowledgement | undefined} acknowledgement
 * @param {number} now
 */
export function acknowledgementDue(guidelines, acknowledgement, now) {
  if (guidelines === null) return false;
  if (acknowledgement === undefined || acknowledgement.version !== guidelines.version) return true;
  return now - acknowledgement.acknowledgedAt >= guidelines.acknowledgeEveryDays * DAY;
}

/**
 * A reminder shows until the person says "done" (then not for `periodDays`) or "remind me later" (then not for a day).
 * @param {ReminderState | undefined} state
 * @param {number} now
 */
export function reminderDue(state, now) {
  return state?.remindAfter === undefined || now >= state.remindAfter;
}

/**
 * @param {ReminderState | undefined} state
 * @param {'shown' | 'done' | 'later'} what
 * @param {number} now
 * @param {number} periodDays
 * @returns {ReminderState}
 */
export function nextReminderState(state, what, now, periodDays) {
  if (what === 'shown') return { ...state, shownReportedAt: state?.shownReportedAt ?? now };
  return { remindAfter: now + (what === 'done' ? periodDays * DAY : REMIND_LATER_MS) };
}

/**
 * A reminder's showing is reported once until the person answers it.
 * @param {ReminderState | undefined} state
 */
export function reminderShowingReported(state) {
  return state?.shownReportedAt !== undefined;
}
