// A real Keycloak (kc.sh start-dev, in-memory database) on a free loopback port: the identity provider people sign in
// with. The Maven build unpacks it to target/keycloak before the integration tests (as for KeycloakIT); KEYCLOAK_HOME
// points elsewhere. The realm is created through Keycloak's admin API from e2e/fixtures/keycloak-realm.json.
//
// A whole run (e2e/run.js) starts one Keycloak and names it in PROMPTGATE_E2E_KEYCLOAK_URL: each suite then gets a
// realm of its own in it, removed when the suite ends, instead of a Keycloak of its own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ARTIFACTS, freePort } from './promptgate-server.js';

const TARGET = new URL('../../../target/keycloak/', import.meta.url).pathname;
const REALM_FILE = new URL('../fixtures/keycloak-realm.json', import.meta.url).pathname;
const READY_TIMEOUT_MS = 180_000;
const ADMIN = 'e2e-admin';
const ADMIN_PASSWORD = 'e2e-admin-password';

/** The unpacked Keycloak; its absence is a failure, never a skip. */
function keycloakHome() {
  const home = process.env.KEYCLOAK_HOME ?? (existsSync(TARGET) ? readdirSync(TARGET).filter((d) => d.startsWith('keycloak-')).map((d) => join(TARGET, d))[0] : undefined);
  if (home === undefined || !existsSync(join(home, 'bin/kc.sh'))) {
    throw new Error(`no Keycloak in ${TARGET}: the pre-integration-test phase unpacks it (./mvnw verify), or set KEYCLOAK_HOME`);
  }
  return home;
}

/** The environment variable by which a run hands its Keycloak to the suites. */
export const SHARED_KEYCLOAK = 'PROMPTGATE_E2E_KEYCLOAK_URL';

export class Keycloak {
  /**
   * @param {number} port
   * @param {import('node:child_process').ChildProcess | null} child null: a Keycloak the run started, shared
   * @param {string} realm
   */
  constructor(port, child, realm) {
    this.port = port;
    this.child = child;
    this.realm = realm;
  }

  /**
   * The test realm in a Keycloak: the run's shared one (a realm of this suite's own), or one this suite starts.
   * @param {{ shared?: boolean }} [options] shared: false starts a Keycloak of the suite's own in any case
   */
  static async start({ shared = true } = {}) {
    const realm = /** @type {{ realm: string }} */ (JSON.parse(readFileSync(REALM_FILE, 'utf8')));
    const sharedUrl = process.env[SHARED_KEYCLOAK];
    const keycloak = shared && sharedUrl
      ? new Keycloak(Number(new URL(sharedUrl).port), null, `${realm.realm}-${randomBytes(4).toString('hex')}`)
      : await Keycloak.launch(realm.realm);
    try {
      await keycloak.ready();
      await keycloak.adminRequest('POST', '/admin/realms', JSON.stringify({ ...realm, realm: keycloak.realm }));
    } catch (error) {
      if (keycloak.child !== null) await keycloak.stop();
      throw error;
    }
    return keycloak;
  }

  /**
   * Starts a Keycloak process without waiting for it (see ready()).
   * @param {string} [realm] the realm this instance stands for
   */
  static async launch(realm = 'master') {
    const home = keycloakHome();
    const port = await freePort();
    mkdirSync(ARTIFACTS, { recursive: true });
    const log = createWriteStream(join(ARTIFACTS, 'keycloak.log'), { flags: 'a' });
    const args = [join(home, 'bin/kc.sh'), 'start-dev', '--db=dev-mem', '--http-host=127.0.0.1', `--http-port=${port}`, `--http-management-port=${await freePort()}`];
    const child = spawn('bash', args, {
      env: { ...process.env, KC_BOOTSTRAP_ADMIN_USERNAME: ADMIN, KC_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD, JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx512m' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return new Keycloak(port, child, realm);
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The issuer of the realm's tokens. */
  get issuer() {
    return `${this.url}/realms/${this.realm}`;
  }

  /** Waits until Keycloak answers. */
  async ready() {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child !== null && this.child.exitCode !== null) throw new Error(`Keycloak exited with ${this.child.exitCode}; see ${join(ARTIFACTS, 'keycloak.log')}`);
      try {
        if ((await fetch(`${this.url}/realms/master/.well-known/openid-configuration`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`Keycloak was not ready within ${READY_TIMEOUT_MS / 1000} s; see ${join(ARTIFACTS, 'keycloak.log')}`);
  }

  /**
   * A request to Keycloak's admin API, as its bootstrap admin.
   * @param {string} method
   * @param {string} path
   * @param {string} [body] JSON
   */
  async adminRequest(method, path, body) {
    const form = new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: ADMIN, password: ADMIN_PASSWORD });
    const token = await fetch(`${this.url}/realms/master/protocol/openid-connect/token`, { method: 'POST', body: form });
    if (!token.ok) throw new Error(`Keycloak admin sign-in answered ${token.status}`);
    const { access_token: accessToken } = /** @type {{ access_token: string }} */ (await token.json());
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body,
    });
    if (!response.ok) throw new Error(`Keycloak ${method} ${path} answered ${response.status}: ${await response.text()}`);
    const text = await response.text();
    return text === '' ? null : JSON.parse(text);
  }

  /** Stops Keycloak and the JVM kc.sh started; in a shared Keycloak, removes this suite's realm. */
  async stop() {
    const child = this.child;
    if (child === null) {
      await this.adminRequest('DELETE', `/admin/realms/${this.realm}`);
      return;
    }
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
