// A synthetic blocklist shaped like a large organization's: two thirds whole hosts, one third paths (three paths
// on each such host), a few allowlist exceptions, and the built-in-sized catalog of services. Deterministic, so
// runs compare.

/**
 * @param {number} size number of blocklist entries
 * @returns {import('../../extension/src/lib/bundle.js').PolicyBundle}
 */
export function bundleWith(size) {
  const withPaths = Math.floor(size / 3);
  /** @type {{ pattern: string, action: 'BLOCK' | 'WARN', reason?: string }[]} */
  const blocklist = [];
  for (let i = 0; i < size - withPaths; i++) {
    blocklist.push({ pattern: i % 10 === 0 ? `.exact${i}.example.net` : `host${i}.example.com`, action: i % 7 === 0 ? 'WARN' : 'BLOCK' });
  }
  for (let i = 0; i < withPaths; i++) {
    blocklist.push({ pattern: `paths${Math.floor(i / 3)}.example.org/section${i % 3}/`, action: 'BLOCK' });
  }
  const allowlist = [];
  for (let i = 0; i < size / 100; i++) allowlist.push({ pattern: `docs.host${i * 20}.example.com` });
  const services = [];
  for (let i = 0; i < 60; i++) {
    services.push({
      key: `service${i}`,
      name: `Service ${i}`,
      hosts: [`ai${i}.example.ai`, `chat.vendor${i}.example`],
      action: /** @type {const} */ (['WARN', 'BLOCK', 'ACKNOWLEDGE', 'ALLOW'][i % 4]),
      trainsOnInputsByDefault: true,
      inputSelectors: [],
    });
  }
  return {
    schemaVersion: 1,
    policyVersion: `sha256:${'ab'.repeat(32)}`,
    issuedAt: '2026-12-01T12:00:00Z',
    refreshSeconds: 300,
    organization: { name: 'Bench' },
    groups: [],
    guidelines: null,
    defaults: { serviceAction: 'WARN', unknownAiAction: 'WARN' },
    services,
    unknownAiSites: Array.from({ length: 200 }, (_, i) => `unknown${i}.example.ai`),
    blocklist,
    allowlist,
  };
}

/**
 * URLs a browser would ask about: blocked hosts and their subdomains, blocked and unblocked paths, allowlisted
 * pages, services, and (half of them) ordinary sites no filter names.
 * @param {number} size
 * @param {number} count
 */
export function urlsFor(size, count) {
  const urls = [];
  const withPaths = Math.floor(size / 3);
  for (let i = 0; i < count; i++) {
    const n = (i * 7919) % (size - withPaths);
    switch (i % 8) {
      case 0: urls.push(`https://host${n}.example.com/some/page?q=1`); break;
      case 1: urls.push(`https://www.host${n}.example.com/`); break;
      case 2: urls.push(`https://paths${n % Math.max(1, withPaths / 3)}.example.org/section${i % 4}/item`); break;
      case 3: urls.push(`https://ai${i % 60}.example.ai/c/123`); break;
      default: urls.push(`https://www.site${i}.example-news.com/2026/12/01/story-${i}.html`);
    }
  }
  return urls;
}
