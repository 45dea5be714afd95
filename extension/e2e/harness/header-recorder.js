// An HTTPS fixture server (like fixture-server.js) that records the headers of every request it gets: page
// navigations, frames, fetch and XHR, and WebSocket upgrades (answered with a real handshake). Its pages load a
// frame and make a fetch, an XHR and a WebSocket connection to their own host, and fetch from another host when told.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @typedef {{ host: string, path: string, kind: 'page' | 'frame' | 'fetch' | 'xhr' | 'websocket' | 'cross-origin' | 'other', headers: Record<string, string | string[] | undefined> }} Recorded
 */

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * The page every host serves at any path but the API ones: it reports each request's outcome in #results.
 * @param {string} crossOrigin a host to fetch from as well ('' for none)
 */
function page(crossOrigin) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>header recorder</title></head><body>
<iframe src="/frame"></iframe><pre id="results"></pre>
<script>
const results = {};
const done = (name, value) => { results[name] = value; document.getElementById('results').textContent = JSON.stringify(results); };
fetch('/api/fetch').then((r) => done('fetch', r.status), (e) => done('fetch', 'failed'));
const xhr = new XMLHttpRequest();
xhr.onload = () => done('xhr', xhr.status); xhr.onerror = () => done('xhr', 'failed');
xhr.open('GET', '/api/xhr'); xhr.send();
const ws = new WebSocket('wss://' + location.host + '/api/websocket');
ws.onopen = () => { done('websocket', 'open'); ws.close(); };
ws.onerror = () => { if (!('websocket' in results)) done('websocket', 'failed'); };
fetch('/backend-anon/conversation').then((r) => done('anonymous', r.status), () => done('anonymous', 'failed'));
${crossOrigin === '' ? '' : `fetch('https://${crossOrigin}/api/cross-origin', { mode: 'cors' }).then((r) => done('crossOrigin', r.status), () => done('crossOrigin', 'failed'));`}
</script></body></html>`;
}

/** @param {string} path */
function kindOf(path) {
  if (path === '/frame') return 'frame';
  if (path === '/refused') return 'page';
  if (path === '/api/fetch') return 'fetch';
  if (path === '/api/xhr') return 'xhr';
  if (path === '/api/cross-origin') return 'cross-origin';
  if (path.startsWith('/api/') || path.startsWith('/backend-anon') || path === '/favicon.ico') return 'other';
  return 'page';
}

/**
 * @param {string[]} hosts
 * @returns {Promise<{ port: number, hosts: string[], requests: Recorded[], close: () => Promise<void> }>}
 */
export async function startHeaderRecorder(hosts) {
  const dir = mkdtempSync(join(tmpdir(), 'promptgate-headers-'));
  const san = hosts.map((h) => `DNS:${h}`).join(',');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=promptgate-headers', '-addext', `subjectAltName=${san}`,
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  /** @type {Recorded[]} */
  const requests = [];
  const hostOf = (/** @type {import('node:http').IncomingMessage} */ req) => (req.headers.host ?? '').replace(/:\d+$/, '');
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    const host = hostOf(req);
    const path = (req.url ?? '/').replace(/\?.*$/, '');
    requests.push({ host, path, kind: kindOf(path), headers: { ...req.headers } });
    const cors = { 'Access-Control-Allow-Origin': req.headers.origin ?? '*', 'Cache-Control': 'no-store' };
    if (path === '/favicon.ico') {
      res.writeHead(404, cors).end();
    } else if (path.startsWith('/api/') || path.startsWith('/backend-anon')) {
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end('{"ok":true}');
    } else if (path === '/frame') {
      res.writeHead(200, { ...cors, 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><p>frame</p>');
    } else if (path === '/refused') {
      // What ChatGPT answers someone left with no allowed workspace.
      res.writeHead(403, { ...cors, 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><p>Forbidden</p>');
    } else {
      const crossOrigin = new URL(req.url ?? '/', 'https://x').searchParams.get('also') ?? '';
      res.writeHead(200, { ...cors, 'Content-Type': 'text/html; charset=utf-8' }).end(page(crossOrigin));
    }
  });
  server.on('upgrade', (req, socket) => {
    requests.push({ host: hostOf(req), path: req.url ?? '/', kind: 'websocket', headers: { ...req.headers } });
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${WEBSOCKET_GUID}`).digest('base64');
    socket.on('error', () => {});
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    // The page closes right away; answer its close frame with ours and end.
    socket.once('data', () => socket.end(Buffer.from([0x88, 0x00])));
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
