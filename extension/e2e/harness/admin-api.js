// The admin API, used by the tests the way an admin's script would: bootstrap token as Bearer, If-Match on updates.

export class AdminApi {
  /**
   * @param {() => string} baseUrl
   * @param {string} token
   */
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {{ body?: unknown, ifMatch?: string | null, expect?: number[] }} [options]
   * @returns {Promise<{ status: number, etag: string | null, body: any }>}
   */
  async request(method, path, { body, ifMatch, expect } = {}) {
    /** @type {Record<string, string>} */
    const headers = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (ifMatch) headers['If-Match'] = ifMatch;
    const response = await fetch(`${this.baseUrl()}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const parsed = text === '' ? null : JSON.parse(text);
    if (expect !== undefined ? !expect.includes(response.status) : !response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return { status: response.status, etag: response.headers.get('ETag'), body: parsed };
  }

  /** @param {string} name @returns {Promise<string>} the enrollment token's secret */
  async createEnrollmentToken(name) {
    return (await this.request('POST', '/api/v1/enrollment-tokens', { body: { name } })).body.secret;
  }

  /** @param {Record<string, unknown>} changes */
  async updateSettings(changes) {
    const current = await this.request('GET', '/api/v1/settings');
    const { organizationName, defaultServiceAction, unknownAiAction, requireAcknowledgement, acknowledgeEveryDays } = current.body;
    const body = { organizationName, defaultServiceAction, unknownAiAction, requireAcknowledgement, acknowledgeEveryDays, ...changes };
    return (await this.request('PUT', '/api/v1/settings', { body, ifMatch: current.etag })).body;
  }

  /**
   * Creates or replaces the organization's rule for a service.
   * @param {string} serviceKey
   * @param {{ action: string, message?: string, historyReminder?: boolean, alternative?: { name: string, url: string } }} rule
   */
  async setRule(serviceKey, rule) {
    const path = `/api/v1/rules/organization/${serviceKey}`;
    const current = await this.request('GET', path, { expect: [200, 404] });
    return (await this.request('PUT', path, { body: rule, ifMatch: current.status === 200 ? current.etag : null })).body;
  }

  /** @param {{ pattern: string, action?: 'BLOCK' | 'WARN', reason?: string }} entry */
  async addBlocklistEntry(entry) {
    return (await this.request('POST', '/api/v1/blocklist', { body: entry })).body;
  }

  /** @param {{ pattern: string, reason?: string }} entry */
  async addAllowlistEntry(entry) {
    return (await this.request('POST', '/api/v1/allowlist', { body: entry })).body;
  }

  /**
   * Writes and publishes a guideline; returns its published version number.
   * @param {string} title
   * @param {string} markdown
   * @returns {Promise<number>}
   */
  async publishGuideline(title, markdown) {
    const draft = await this.request('POST', '/api/v1/guidelines', { body: { title, markdown } });
    const published = await this.request('POST', `/api/v1/guidelines/${draft.body.id}/publish`, { ifMatch: draft.etag });
    return published.body.guidelineVersion;
  }
}

// Where the server lets an admin read what browsers reported.
const EVENTS_PATH = '/api/v1/events';
const ACKNOWLEDGEMENTS_PATH = '/api/v1/acknowledgements';

/**
 * Acme's guideline policy as the warn-and-acknowledge suites start from it: acknowledgement of the published
 * guideline every 90 days, a warning with a history reminder and Acme GPT as the alternative on ChatGPT, and an
 * acknowledgement asked for on Gemini.
 * @param {AdminApi} api
 * @param {string} warning the ChatGPT warning's message
 * @returns {Promise<number>} the guideline's version
 */
export async function setAcmeGuidelinePolicy(api, warning) {
  await api.updateSettings({ organizationName: 'Acme', requireAcknowledgement: true, acknowledgeEveryDays: 90 });
  const version = await api.publishGuideline('Using AI at Acme', '# Using AI at Acme\n\nNever enter **customer data**.\n');
  await api.setRule('chatgpt', {
    action: 'WARN',
    message: warning,
    historyReminder: true,
    alternative: { name: 'Acme GPT', url: 'https://gpt.acme.example/' },
  });
  await api.setRule('gemini', { action: 'ACKNOWLEDGE' });
  return version;
}

/**
 * Every page of a paged admin list.
 * @param {AdminApi} api
 * @param {string} path
 * @returns {Promise<any[]>}
 */
export async function listAll(api, path) {
  const items = [];
  for (let page = 0; ; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const { body } = await api.request('GET', `${path}${separator}page=${page}&size=100`);
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

/**
 * The client events the server stored.
 * @param {AdminApi} api
 * @returns {Promise<{ id: string, type: string, serviceKey?: string, host?: string, action?: string, guidelineVersion?: number }[]>}
 */
export function storedEvents(api) {
  return listAll(api, EVENTS_PATH);
}

/**
 * The guideline acknowledgements the server stored.
 * @param {AdminApi} api
 * @returns {Promise<{ guidelineVersion: number }[]>}
 */
export function storedAcknowledgements(api) {
  return listAll(api, ACKNOWLEDGEMENTS_PATH);
}
