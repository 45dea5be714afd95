// Compiles the bundle's tenant restrictions into declarativeNetRequest rules: one modifyHeaders rule per vendor that
// sets its header on every request to its hosts (navigations, frames, fetch/XHR, WebSocket upgrades, …), and a block
// rule per endpoint that serves people without signing in. Both sit above every allow rule, because Chrome skips
// modifyHeaders rules of lower priority than a matching allow rule (an allowlisted or warned host would otherwise go
// without the header).
import { MAX_PRIORITY } from './dnr-priority.js';
import { filterRegex } from './dnr-regex.js';
import { RULE_ID_RANGES } from './dnr-rules.js';
import { InvalidUrlFilterError, parseFilter } from './url-filter.js';

/**
 * @typedef {import('./bundle.js').TenantRestriction} TenantRestriction
 * @typedef {chrome.declarativeNetRequest.Rule} Rule
 * @typedef {{ service: string, reason: string }} SkippedRestriction
 */

const TENANT_RULE_IDS = RULE_ID_RANGES.tenant;
export const TENANT_PRIORITY = MAX_PRIORITY + 1;

const EVERY_REQUEST_TYPE = /** @type {chrome.declarativeNetRequest.ResourceType[]} */ ([
  'main_frame', 'sub_frame', 'xmlhttprequest', 'websocket', 'script', 'stylesheet', 'image', 'font', 'media', 'ping',
  'csp_report', 'webtransport', 'object', 'other',
]);

// Headers that carry credentials, address or describe the request: never set from a policy, whatever it says.
const FORBIDDEN = /^(?:authorization|cookie|cookie2|host|origin|referer|user-agent|content-length|content-type|connection|upgrade|te|trailer|transfer-encoding|keep-alive|expect|forwarded|via|x-forwarded-.*|proxy-.*|sec-fetch-.*|sec-ch-.*|sec-websocket-.*)$/i;
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const VALUE = /^[!-~]{1,4096}$/;

/**
 * @param {readonly TenantRestriction[] | undefined} restrictions
 * @returns {{ rules: Rule[], skipped: SkippedRestriction[], headerRules: number }}
 */
export function compileTenantRules(restrictions = []) {
  /** @type {Rule[]} */
  const rules = [];
  /** @type {SkippedRestriction[]} */
  const skipped = [];
  let id = TENANT_RULE_IDS.first;
  let headerRules = 0;
  const room = () => id <= TENANT_RULE_IDS.last;
  for (const r of restrictions) {
    if (!TOKEN.test(r.header) || FORBIDDEN.test(r.header) || !VALUE.test(r.value)) {
      skipped.push({ service: r.service, reason: `the header ${JSON.stringify(r.header)} is not one the extension sets` });
      continue;
    }
    if (!room()) {
      skipped.push({ service: r.service, reason: 'over the tenant-restriction rule range' });
      continue;
    }
    rules.push({
      id: id++,
      priority: TENANT_PRIORITY,
      action: {
        type: /** @type {chrome.declarativeNetRequest.RuleActionType} */ ('modifyHeaders'),
        requestHeaders: [{ header: r.header, operation: /** @type {chrome.declarativeNetRequest.HeaderOperation} */ ('set'), value: r.value }],
      },
      condition: { requestDomains: [...r.hosts], resourceTypes: /** @type {chrome.declarativeNetRequest.ResourceType[]} */ ([...r.resourceTypes]) },
    });
    headerRules++;
    for (const pattern of r.blockedWhenOn ?? []) {
      const regexFilter = blockRegex(pattern);
      if (regexFilter === null || !room()) {
        skipped.push({ service: r.service, reason: `${pattern} cannot be blocked` });
        continue;
      }
      rules.push({
        id: id++,
        priority: TENANT_PRIORITY,
        action: { type: /** @type {chrome.declarativeNetRequest.RuleActionType} */ ('block') },
        condition: { regexFilter, isUrlFilterCaseSensitive: true, resourceTypes: EVERY_REQUEST_TYPE },
      });
    }
  }
  return { rules, skipped, headerRules };
}

/** @param {string} pattern */
function blockRegex(pattern) {
  try {
    return filterRegex(parseFilter(pattern));
  } catch (error) {
    if (error instanceof InvalidUrlFilterError) return null;
    throw error;
  }
}
