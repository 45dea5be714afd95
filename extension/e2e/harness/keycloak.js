// A real Keycloak (kc.sh start-dev, in-memory database) on a free loopback port: the identity provider people sign in
// with. The Maven build unpacks it to target/keycloak before the integration tests (as for KeycloakIT); KEYCLOAK_HOME
// points elsewhere. The realm is created through Keycloak's admin API from e2e/fixtures/keycloak-realm.json.
import { spawn } from 'node:child_process';
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

export class Keycloak {
  /** @param {number} port @param {import('node:child_process').ChildProcess} child */
  constructor(port, child) {
    this.port = port;
    this.child = child;
    this.realm = /** @type {{ realm: string }} */ (JSON.parse(readFileSync(REALM_FILE, 'utf8'))).realm;
  }

  /** Starts Keycloak, waits until it answers, and creates the test realm. */
  static async start() {
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
    const keycloak = new Keycloak(port, child);
    try {
      await keycloak.#waitReady();
      await keycloak.adminRequest('POST', '/admin/realms', readFileSync(REALM_FILE, 'utf8'));
    } catch (error) {
      await keycloak.stop();
      throw error;
    }
    return keycloak;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The issuer of the realm's tokens. */
  get issuer() {
    return `${this.url}/realms/${this.realm}`;
  }

  async #waitReady() {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`Keycloak exited with ${this.child.exitCode}; see ${join(ARTIFACTS, 'keycloak.log')}`);
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

  /** Stops Keycloak and the JVM kc.sh started. */
  async stop() {
    const child = this.child;
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
