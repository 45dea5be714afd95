import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { diffRules } from '../src/lib/dnr-diff.js';
import { DEFAULT_LIMITS, RULE_ID_RANGES, compileDnrRules } from '../src/lib/dnr-rules.js';
import { compilePolicy } from '../src/lib/policy.js';
import { decide, parseFilter } from '../src/lib/url-filter.js';
import { sampleBundle } from './sample-bundle.js';

const BLOCKED_PAGE = 'chrome-extension://alckfeecdeknpfgdenfdanhaphpinjaj/pages/blocked.html';
const vectors = JSON.parse(readFileSync(new URL('../../docs/url-filter-vectors.json', import.meta.url), 'utf8'));

/**
 * What Chrome would do with a main-frame navigation: the matching rule with the highest priority wins, allow before
 * redirect on equal priority. RE2 and JavaScript agree on the subset of regex syntax the compiler writes.
 * @param {chrome.declarativeNetRequest.Rule[]} rules
 * @param {string} url
 * @returns {{ type: 'redirect', to: string } | { type: 'allow' | 'none' }}
 */
function navigate(rules, url) {
  const host = new URL(url).hostname;
  /** @type {(chrome.declarativeNetRequest.Rule & { match: RegExpExecArray | null }) | null} */
  let best = null;
  for (const rule of rules) {
    const c = rule.condition;
    if (c.requestDomains && !c.requestDomains.some((d) => host === d || host.endsWith(`.${d}`))) continue;
    if (c.urlFilter && !urlFilterMatches(c.urlFilter, url)) continue;
    let match = null;
    if (c.regexFilter) {
      match = new RegExp(c.regexFilter, c.isUrlFilterCaseSensitive ? '' : 'i').exec(url);
      if (match === null) continue;
    }
    const p = rule.priority ?? 1;
    const bestP = best?.priority ?? 0;
    if (best === null || p > bestP || (p === bestP && rule.action.type === 'allow')) best = { ...rule, match };
  }
  if (best === null) return { type: 'none' };
  if (best.action.type === 'allow') return { type: 'allow' };
  const path = best.action.redirect?.extensionPath;
  if (path !== undefined) return { type: 'redirect', to: new URL(path, BLOCKED_PAGE).href };
  return { type: 'redirect', to: (best.action.redirect?.regexSubstitution ?? '').replace('\\0', best.match?.[0] ?? '') };
}

/**
 * The two urlFilter forms the compiler writes: `|scheme://` (left anchor) and `||host/path` (domain anchor: the host
 * or a subdomain, then the rest at once), with no wildcards.
 * @param {string} filter
 * @param {string} url
 */
function urlFilterMatches(filter, url) {
  if (!filter.startsWith('||')) return filter.startsWith('|') && url.startsWith(filter.slice(1));
  const rest = filter.slice(2);
  const host = rest.slice(0, rest.indexOf('/'));
  const { hostname } = new URL(url);
  if (hostname !== host && !hostname.endsWith(`.${host}`)) return false;
  const afterHost = url.slice(url.indexOf(hostname, url.indexOf('//') + 2) + hostname.length);
  return afterHost.startsWith(rest.slice(host.length));
}

/** @param {string | { pattern: string, action: 'BLOCK' | 'WARN' }} item */
const blockSource = (item) =>
  typeof item === 'string'
    ? { filter: parseFilter(item), kind: /** @type {const} */ ('BLOCK') }
    : { filter: parseFilter(item.pattern), kind: item.action };

/** @param {{ blocklist: any[], allowlist: string[] }} vector */
const entries = (vector) => [
  ...vector.blocklist.map(blockSource),
  ...vector.allowlist.map((p) => ({ filter: parseFilter(p), kind: /** @type {const} */ ('ALLOW') })),
];

describe('DNR rules agree with the shared URLBlocklist vectors', () => {
  for (const vector of vectors.decisions) {
    const url = new URL(vector.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    it(vector.name, () => {
      const sources = entries(vector);
      const { rules, skipped } = compileDnrRules(sources, { blockedPage: BLOCKED_PAGE });
      // Only filters for other schemes (chrome:, file:, ...) are left out of navigation rules.
      assert.deepEqual(skipped.filter((s) => /^(?:https?:\/\/|[^:]*$)/.test(s.pattern)), []);
      let result = navigate(rules, vector.url);
      // The block page decides on a host with a trailing dot itself, and sends the person on without the dot.
      const dotless = vector.url.replace(/^(https?:\/\/[^/?#]*)\.(?=[/?#:]|$)/, '$1');
      if (dotless !== vector.url && result.type === 'redirect' && decide(entries(vector), vector.url)?.kind !== 'BLOCK') {
        result = navigate(rules, dotless);
      }
      assert.equal(result.type === 'redirect' ? 'BLOCK' : 'not BLOCK', vector.expect === 'BLOCK' ? 'BLOCK' : 'not BLOCK', vector.url);
      if (result.type === 'redirect') assert.equal(result.to, `${BLOCKED_PAGE}#${vector.url}`);
    });
  }
});

describe('DNR rules agree with the shared vectors when paths become urlFilter rules', () => {
  for (const vector of vectors.decisions) {
    const url = new URL(vector.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    it(vector.name, () => {
      const sources = entries(vector);
      const { rules, afterLoad } = compileDnrRules(sources, { blockedPage: BLOCKED_PAGE, urlFilterFirst: true });
      let result = navigate(rules, vector.url);
      const dotless = vector.url.replace(/^(https?:\/\/[^/?#]*)\.(?=[/?#:]|$)/, '$1');
      if (dotless !== vector.url && result.type === 'redirect' && decide(sources, vector.url)?.kind !== 'BLOCK') result = navigate(rules, dotless);
      const winner = decide(sources, dotless);
      if (vector.expect !== 'BLOCK') {
        assert.notEqual(result.type, 'redirect', vector.url);
        return;
      }
      if (result.type !== 'redirect') {
        // Only a URL with an explicit port slips past a urlFilter rule, and then the page script has its filter.
        assert.ok(url.port !== '' && winner !== null && afterLoad.includes(winner.filter.pattern), `${vector.url} is not redirected`);
        return;
      }
      const fragment = result.to.slice(BLOCKED_PAGE.length + 1);
      if (fragment.startsWith('filter=')) assert.equal(decodeURIComponent(fragment.slice('filter='.length)), winner?.filter.pattern, vector.url);
      else assert.equal(fragment, vector.url);
    });
  }
});

describe('compileDnrRules', () => {
  const policy = compilePolicy(sampleBundle());

  it('blocks the blocked services and lets the rest through', () => {
    const { rules } = compileDnrRules(policy.contest, { blockedPage: BLOCKED_PAGE });
    const to = (/** @type {string} */ url) => navigate(rules, url).type;
    assert.equal(to('https://www.midjourney.com/imagine?prompt=x'), 'redirect');
    assert.equal(to('https://discord.com/channels/662267976984297473/123'), 'redirect');
    assert.equal(to('https://discord.com/channels/1'), 'none');
    assert.equal(to('https://midjourney.com/docs/start'), 'allow');
    assert.equal(to('https://character.ai/'), 'redirect');
    assert.equal(to('https://help.character.ai/'), 'allow');
    assert.equal(to('https://chatgpt.com/g/g-1'), 'redirect');
    assert.equal(to('https://chatgpt.com/'), 'none');
    assert.deepEqual(navigate(rules, 'https://character.ai/chat?x=1'), {
      type: 'redirect',
      to: `${BLOCKED_PAGE}#https://character.ai/chat?x=1`,
    });
  });

  it('compiles nothing when nothing is blocked', () => {
    const { rules } = compileDnrRules([{ filter: parseFilter('example.com'), kind: 'ALLOW' }], { blockedPage: BLOCKED_PAGE });
    assert.deepEqual(rules, []);
  });

  it('collapses plain hosts of equal specificity into one rule', () => {
    const sources = ['a.example', 'b.example', 'c.example', 'd.example'].map((p) => ({ filter: parseFilter(p), kind: /** @type {const} */ ('BLOCK') }));
    const { rules } = compileDnrRules(sources, { blockedPage: BLOCKED_PAGE });
    const hostRules = rules.filter((r) => r.condition.requestDomains !== undefined);
    assert.equal(hostRules.length, 1);
    assert.deepEqual(hostRules[0].condition.requestDomains, ['a.example', 'b.example', 'c.example', 'd.example']);
  });

  it('keeps a large blocklist within the unsafe-rule cap and the regex budget', () => {
    /** @type {import('../src/lib/dnr-rules.js').RuleSource[]} */
    const sources = [];
    for (let i = 0; i < 20_000; i++) sources.push({ filter: parseFilter(`site-${i}.example${'x'.repeat(i % 40)}.com`), kind: 'BLOCK' });
    for (let i = 0; i < 1_500; i++) sources.push({ filter: parseFilter(`paths.example/p${i}`), kind: 'BLOCK' });
    for (let i = 0; i < 3_000; i++) sources.push({ filter: parseFilter(`ok.site-${i}.example${'x'.repeat(i % 40)}.com`), kind: 'ALLOW' });
    const started = performance.now();
    const { rules, skipped, afterLoad, stats } = compileDnrRules(sources, { blockedPage: BLOCKED_PAGE });
    assert.ok(performance.now() - started < 2_000, 'compiles in well under two seconds');
    assert.ok(rules.length <= DEFAULT_LIMITS.maxRules);
    assert.ok(stats.redirect <= DEFAULT_LIMITS.maxUnsafeRules);
    assert.equal(stats.regex, DEFAULT_LIMITS.maxRegexRules, 'the regex budget is used up');
    assert.equal(rules.filter((r) => r.condition.regexFilter !== undefined).length, stats.regex);
    // One rule per host length, and the trailing-dot rule, come first; the path patterns the regex budget cannot hold
    // become urlFilter rules, and nothing is left out.
    const hostGroups = rules.filter((r) => r.action.type === 'redirect' && r.condition.requestDomains).length;
    assert.ok(hostGroups < 250, `${hostGroups} host groups`);
    assert.deepEqual(skipped, []);
    assert.equal(afterLoad.length, 1_500 - (DEFAULT_LIMITS.maxRegexRules - hostGroups - 1));
    assert.ok(afterLoad.every((p) => p.startsWith('paths.example/p')));
    assert.deepEqual(navigate(rules, 'https://paths.example/p1499/x'), { type: 'redirect', to: `${BLOCKED_PAGE}#filter=paths.example%2Fp1499` });
    assert.deepEqual(navigate(rules, 'https://paths.example/p0/x'), { type: 'redirect', to: `${BLOCKED_PAGE}#https://paths.example/p0/x` });
    assert.equal(navigate(rules, 'https://www.site-7.examplexxxxxxx.com/').type, 'redirect');
    assert.equal(navigate(rules, 'https://ok.site-7.examplexxxxxxx.com/').type, 'allow');
    assert.equal(navigate(rules, 'https://elsewhere.example/').type, 'none');
    const ids = new Set(rules.map((r) => r.id));
    assert.equal(ids.size, rules.length);
    assert.ok(rules.every((r) => r.id >= RULE_ID_RANGES.redirect.first && r.id <= RULE_ID_RANGES.allow.last));
  });

  it('respects smaller limits when the browser reports them', () => {
    const sources = Array.from({ length: 10 }, (_, i) => ({ filter: parseFilter(`h.example/p${i}`), kind: /** @type {const} */ ('BLOCK') }));
    const limits = { maxRules: 100, maxUnsafeRules: 4, maxRegexRules: 100 };
    const { rules, skipped } = compileDnrRules(sources, { blockedPage: BLOCKED_PAGE, limits });
    assert.equal(rules.length, 4);
    assert.equal(skipped.length, 7);
  });

  it('reports filters no navigation rule can express', () => {
    const sources = [
      { filter: parseFilter('ftp://files.example'), kind: /** @type {const} */ ('BLOCK') },
      { filter: parseFilter('q.example/s?a=1&b=2&c=3&d=4'), kind: /** @type {const} */ ('BLOCK') },
    ];
    const { rules, skipped } = compileDnrRules(sources, { blockedPage: BLOCKED_PAGE });
    assert.equal(rules.length, 1, 'only the trailing-dot rule');
    assert.equal(skipped.length, 2);
  });

  it('matches query tokens in any order', () => {
    const { rules } = compileDnrRules([{ filter: parseFilter('q.example/s?a=1&b=2*'), kind: 'BLOCK' }], { blockedPage: BLOCKED_PAGE });
    assert.equal(navigate(rules, 'https://q.example/s?b=22&x=0&a=1').type, 'redirect');
    assert.equal(navigate(rules, 'https://q.example/s?a=1').type, 'none');
    assert.equal(navigate(rules, 'https://q.example/s?a=12&b=2').type, 'none');
  });
});

describe('diffRules', () => {
  const { rules } = compileDnrRules(compilePolicy(sampleBundle()).contest, { blockedPage: BLOCKED_PAGE });

  it('changes nothing when the installed rules are the wanted ones, as Chrome returns them', () => {
    const installed = rules.map((r) => ({ ...r, condition: { ...r.condition, isUrlFilterCaseSensitive: r.condition.isUrlFilterCaseSensitive ?? false } }));
    assert.deepEqual(diffRules(installed, rules), { removeRuleIds: [], addRules: [] });
  });

  it('replaces changed rules and removes the ones no longer wanted', () => {
    const changed = rules.map((r, i) => (i === 0 ? { ...r, priority: 99 } : r));
    const extra = { id: 9_999, priority: 1, action: { type: /** @type {const} */ ('allow') }, condition: {} };
    const diff = diffRules([...changed, extra], rules);
    assert.deepEqual(diff.removeRuleIds, [rules[0].id, 9_999]);
    assert.deepEqual(diff.addRules, [rules[0]]);
  });
});

describe('the rule counts the server shows agree with the compiler', () => {
  const { cases } = JSON.parse(readFileSync(new URL('../../docs/browser-rule-vectors.json', import.meta.url), 'utf8'));
  for (const c of cases) {
    it(c.name, () => {
      /** @type {{ pattern: string, kind: 'ALLOW' | 'BLOCK' | 'WARN', count?: number }[]} */
      const items = c.entries;
      const sources = items.flatMap((e) =>
        Array.from({ length: e.count ?? 1 }, (_, i) => ({ filter: parseFilter(e.pattern.replaceAll('{i}', String(i))), kind: e.kind })),
      );
      const { rules, skipped, afterLoad, stats } = compileDnrRules(sources, { blockedPage: BLOCKED_PAGE, limits: c.limits ?? DEFAULT_LIMITS });
      const over = skipped.filter((s) => s.reason === 'over the browser rule limits').length;
      assert.deepEqual(
        { rules: rules.length, ...stats, urlFilterOnly: afterLoad.length, overLimits: over, notExpressible: skipped.length - over },
        c.expect,
      );
    });
  }
});
