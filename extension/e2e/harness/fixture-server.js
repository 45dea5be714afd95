// An HTTPS server for AI host names (mapped to 127.0.0.1 by --host-resolver-rules), with a self-signed certificate
// made for this run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fixturePage } from './fixture-pages.js';

/**
 * @param {string[]} hosts
 * @param {(host: string, path: string) => { type: string, body: string } | null} [route] answers some paths itself
 * @returns {Promise<{ port: number, hosts: string[], requests: { host: string, path: string, headers: Record<string, string | string[] | undefined> }[], close: () => Promise<void> }>}
 */
export async function startFixtureServer(hosts, route) {
  const dir = mkdtempSync(join(tmpdir(), 'promptgate-fixture-'));
  const san = hosts.map((h) => `DNS:${h}`).join(',');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=promptgate-fixture', '-addext', `subjectAltName=${san}`,
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  /** @type {{ host: string, path: string, headers: Record<string, string | string[] | undefined> }[]} */
  const requests = [];
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = req.url ?? '/';
    requests.push({ host, path, headers: req.headers });
    if (path === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    const own = route?.(host, path.replace(/\?.*$/, '')) ?? null;
    res.writeHead(200, { 'Content-Type': own?.type ?? 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(own?.body ?? fixturePage(host, path.replace(/\?.*$/, '')));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    hosts,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
