// The `dlp` part of the policy bundle (docs/policy-bundle.schema.json), resolved for one service in the service
// worker, and the built-in defaults that apply when a bundle has no `dlp` part at all.
import { BUILTIN_DETECTORS } from './builtins.js';

/**
 * @typedef {'ALLOW' | 'WARN' | 'REDACT' | 'BLOCK'} DlpAction
 *
 * @typedef {object} BundleDetector
 * @property {string} id
 * @property {'builtin' | 'keywords' | 'regex'} kind
 * @property {string} name
 * @property {string[]} [keywords]
 * @property {string} [pattern]
 * @property {boolean} [caseSensitive]
 * @property {number} threshold
 * @property {boolean} monitor
 * @property {{ default: DlpAction, services: Record<string, DlpAction> }} actions
 * @property {boolean} requireJustification
 *
 * @typedef {{ action: 'ALLOW' | 'WARN' | 'BLOCK', maxBytes?: number, types?: string[] }} UploadRule
 *
 * @typedef {object} BundleDlp
 * @property {number} scanLimitChars
 * @property {boolean} unknownAiSites
 * @property {string[]} justifications
 * @property {BundleDetector[]} detectors
 * @property {{ default: UploadRule, services: Record<string, UploadRule> }} uploads
 *
 * @typedef {object} DetectorView one detector as it applies on this page
 * @property {string} id
 * @property {'builtin' | 'keywords' | 'regex'} kind
 * @property {string} name
 * @property {string[]} [keywords]
 * @property {string} [pattern]
 * @property {boolean} caseSensitive
 * @property {number} threshold
 * @property {DlpAction} action what was configured for this service
 * @property {boolean} monitor record only, whatever the action
 * @property {boolean} requireJustification
 *
 * @typedef {object} DlpView what the page script needs to inspect one page
 * @property {number} scanLimitChars
 * @property {string[]} justifications
 * @property {DetectorView[]} detectors
 * @property {UploadRule} upload
 */

export const DEFAULT_SCAN_LIMIT = 100000;
const ACTIONS = new Set(['ALLOW', 'WARN', 'REDACT', 'BLOCK']);

/** With no `dlp` part: the detectors that are on by default, with WARN, and uploads allowed. */
export function defaultDlpView() {
  return /** @type {DlpView} */ ({
    scanLimitChars: DEFAULT_SCAN_LIMIT,
    justifications: [],
    detectors: BUILTIN_DETECTORS.filter((d) => d.onByDefault).map((d) => ({
      id: d.id,
      kind: 'builtin',
      name: d.name,
      caseSensitive: true,
      threshold: 1,
      action: 'WARN',
      monitor: false,
      requireJustification: false,
    })),
    upload: { action: 'ALLOW' },
  });
}

/**
 * @param {BundleDlp | undefined} dlp
 * @param {string | undefined} serviceKey the catalog service, or undefined on an unknown AI site
 * @returns {DlpView | null} null where DLP does not act (unknown AI sites unless the admin turned them on)
 */
export function dlpViewFor(dlp, serviceKey) {
  if (dlp === undefined) return serviceKey === undefined ? null : defaultDlpView();
  if (serviceKey === undefined && !dlp.unknownAiSites) return null;
  const pick = (/** @type {{ default: any, services: Record<string, any> }} */ choice) =>
    serviceKey !== undefined && Object.hasOwn(choice.services ?? {}, serviceKey) ? choice.services[serviceKey] : choice.default;
  return {
    scanLimitChars: dlp.scanLimitChars > 0 ? dlp.scanLimitChars : DEFAULT_SCAN_LIMIT,
    justifications: dlp.justifications ?? [],
    detectors: (dlp.detectors ?? []).flatMap((d) => {
      const action = pick(d.actions);
      if (!ACTIONS.has(action)) return [];
      return [
        {
          id: d.id,
          kind: d.kind,
          name: d.name,
          ...(d.kind === 'keywords' ? { keywords: d.keywords ?? [] } : {}),
          ...(d.kind === 'regex' ? { pattern: d.pattern ?? '' } : {}),
          caseSensitive: d.caseSensitive ?? true,
          threshold: Math.max(1, d.threshold ?? 1),
          action,
          monitor: d.monitor === true,
          requireJustification: d.requireJustification === true,
        },
      ];
    }),
    upload: pick(dlp.uploads ?? { default: { action: 'ALLOW' }, services: {} }) ?? { action: 'ALLOW' },
  };
}
