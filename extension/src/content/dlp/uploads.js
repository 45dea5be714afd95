// File uploads through a file input, drag and drop, or a paste of files: the service's upload rule decides by type
// and size (the files' content is not read). A refused file input is emptied; a warned-about drop or paste is handed
// to the page again, as a new event with the same files, when the person chooses to send anyway.
import { fileType, sizeBucket, uploadAction } from '../../lib/dlp/upload.js';
import { askAboutFindings, tell } from './dialog.js';
import { page, pass } from './state.js';

/** @typedef {(detections: import('../../lib/dlp/report.js').Detection[]) => void} Report */

const STRENGTH = { ALLOW: 0, WARN: 1, BLOCK: 2 };

/** @param {number} size */
const readableSize = (size) => (size < 1024 * 1024 ? `${Math.max(1, Math.round(size / 1024))} KB` : `${(size / 1024 / 1024).toFixed(1)} MB`);

/**
 * @param {Event} event a change/input event of a file input, a drop, or a paste with files
 * @param {File[]} files
 * @param {() => void} resend hands the files to the page
 * @param {() => void} discard forgets the files (empties a file input)
 * @param {Report} report
 * @returns {boolean} whether the event was stopped
 */
export function checkFiles(event, files, resend, discard, report) {
  const rule = page.view?.upload;
  if (rule === undefined || files.length === 0) return false;
  const actions = files.map((f) => uploadAction(rule, f));
  const action = actions.reduce((a, b) => (STRENGTH[b] > STRENGTH[a] ? b : a), /** @type {'ALLOW' | 'WARN' | 'BLOCK'} */ ('ALLOW'));
  if (action === 'ALLOW') return false;
  event.preventDefault();
  event.stopImmediatePropagation();
  const items = files.map((f, i) => ({ name: `${f.name} (${readableSize(f.size)})`, count: 1, samples: actions[i] === 'BLOCK' ? ['not allowed'] : [] }));
  /** @param {'sent-anyway' | 'not-sensitive' | 'cancelled' | 'blocked'} outcome @param {number} [justification] */
  const reportAll = (outcome, justification) =>
    report(files.map((f, i) => ({
      detector: 'upload',
      trigger: 'upload',
      action: actions[i],
      outcome: actions[i] === 'BLOCK' ? 'blocked' : outcome,
      fileType: fileType(f.type),
      sizeBucket: sizeBucket(f.size),
      ...(justification !== undefined && actions[i] === 'WARN' && outcome === 'sent-anyway' ? { justification } : {}),
    })));
  if (action === 'BLOCK') {
    discard();
    reportAll('blocked');
    void tell({ kind: 'blocked', title: 'This file cannot be uploaded here', message: 'Your organization does not allow uploading this file to this service.', items });
    return true;
  }
  void askAboutFindings({
    title: 'Upload this file?',
    message: 'Your organization asks you to check that this file holds no confidential or personal data before you upload it.',
    items,
    canRemove: false,
    justifications: null,
  }).then(({ choice }) => {
    const send = choice === 'send' || choice === 'not-sensitive';
    // "This is not sensitive" hands the file over too, and is recorded as a false positive of the upload rule.
    reportAll(choice === 'not-sensitive' ? 'not-sensitive' : send ? 'sent-anyway' : 'cancelled');
    if (send) pass(resend);
    else discard();
  });
  return true;
}

/** @param {DataTransfer | null} data */
export const filesOf = (data) => (data === null ? [] : [...data.files]);

/** @param {File[]} files */
export function transferOf(files) {
  const data = new DataTransfer();
  for (const f of files) data.items.add(f);
  return data;
}
