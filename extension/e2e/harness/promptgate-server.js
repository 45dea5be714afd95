// Runs the real server jar (target/quarkus-app/quarkus-run.jar) on free ports (HTTP, and management: health, metrics,
// OpenAPI), with its embedded PostgreSQL in a temporary directory and a bootstrap admin token made for this run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AdminApi } from './admin-api.js';

export const SERVER_JAR = new URL('../../../target/quarkus-app/quarkus-run.jar', import.meta.url).pathname;
export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
const READY_TIMEOUT_MS = 120_000;

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export class PromptgateServer {
  /**
   * @param {string} name names the log file
   * @param {{ env?: Record<string, string>, printedBootstrapToken?: boolean }} [options] more environment, e.g. the
   *   OIDC settings of an identity provider; printedBootstrapToken: configure no bootstrap token and take the one the
   *   server prints on its first start, as someone trying it out does
   */
  constructor(name, { env = {}, printedBootstrapToken = false } = {}) {
    if (!existsSync(SERVER_JAR)) throw new Error(`the server is not built (${SERVER_JAR}); run ./mvnw package first`);
    this.name = name;
    this.env = env;
    this.dataDir = mkdtempSync(join(tmpdir(), 'promptgate-server-'));
    this.printedBootstrapToken = printedBootstrapToken;
    this.bootstrapToken = printedBootstrapToken ? '' : `pg_bt_${randomBytes(24).toString('hex')}`;
    /** @type {number | null} */
    this.port = null;
    /** @type {import('node:child_process').ChildProcess | null} */
    this.process = null;
    this.admin = new AdminApi(() => this.url, this.bootstrapToken);
  }

  get url() {
    if (this.port === null) throw new Error('the server is not running');
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again, with the same database, on new ports) and waits until it is ready. */
  async start() {
    const port = await freePort();
    const managementPort = await freePort();
    mkdirSync(ARTIFACTS, { recursive: true });
    const log = createWriteStream(join(ARTIFACTS, `server-${this.name}.log`), { flags: 'a' });
    // A test server lives for a minute or two: compiling with C1 alone starts it on about half the CPU time.
    const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-jar', SERVER_JAR], {
      env: {
        ...process.env,
        QUARKUS_HTTP_HOST: '127.0.0.1',
        QUARKUS_HTTP_PORT: String(port),
        QUARKUS_MANAGEMENT_HOST: '127.0.0.1',
        QUARKUS_MANAGEMENT_PORT: String(managementPort),
        // The address the server writes into deployment documents and its update manifest (never the Host header).
        PROMPTGATE_PUBLIC_URL: `http://127.0.0.1:${port}`,
        // The tests' admin API calls use the bootstrap token, also in the runs with OIDC on (where it is off by default).
        // printedBootstrapToken: nothing configured, as on the embedded default, where the first start prints one.
        ...(this.printedBootstrapToken ? {} : { PROMPTGATE_BOOTSTRAP_TOKEN: this.bootstrapToken, PROMPTGATE_BOOTSTRAP_ENABLED: 'true' }),
        PROMPTGATE_EMBEDDED_DATABASE_DATA_DIR: join(this.dataDir, 'postgres'),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    if (this.printedBootstrapToken && this.bootstrapToken === '') this.#readPrintedToken(child);
    this.process = child;
    const exited = new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`the server exited with ${code}; see ${log.path}`))));
    await Promise.race([this.#waitReady(managementPort), exited]);
    if (this.printedBootstrapToken && this.bootstrapToken === '') {
      child.kill('SIGTERM');
      throw new Error(`the server did not print a bootstrap token on its first start; see ${log.path}`);
    }
    this.port = port;
  }

  /**
   * Takes the bootstrap token from the server's standard output, where the first start prints it once.
   * @param {import('node:child_process').ChildProcess} child
   */
  #readPrintedToken(child) {
    let printed = '';
    const read = (/** @type {Buffer} */ chunk) => {
      printed += chunk.toString('utf8');
      const found = /bootstrap[\s\S]{0,400}?\b(pg_bt_[A-Za-z0-9_-]{20,})/i.exec(printed);
      if (found) {
        this.bootstrapToken = found[1];
        this.admin.token = found[1];
        child.stdout?.off('data', read);
      }
    };
    child.stdout?.on('data', read);
  }

  /** @param {number} managementPort */
  async #waitReady(managementPort) {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`http://127.0.0.1:${managementPort}/q/health/ready`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
  }

  /** Stops the server gracefully, so that it stops its embedded PostgreSQL too. */
  async stop() {
    const child = this.process;
    this.port = null;
    this.process = null;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}
