// Sits between the extension and the Promptgate server and keeps a copy of every request the extension sends, so a
// test can show what left the browser. While the server is down it drops connections, as an unreachable host would.
// A test can answer some requests itself (`answerWith`), as a man in the middle replaying old answers would.
import { createServer, request } from 'node:http';

/**
 * @typedef {{ method: string, url: string, headers: import('node:http').IncomingHttpHeaders, body: string }} CapturedRequest
 */

/**
 * @param {() => number | null} upstreamPort the server's port, or null while it is stopped
 */
export async function startRecordingProxy(upstreamPort) {
  /** @type {CapturedRequest[]} */
  const captured = [];
  /** @type {((req: import('node:http').IncomingMessage) => { status: number, headers: Record<string, string>, body: Buffer } | null) | null} */
  let answerWith = null;
  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      captured.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8') });
      const own = answerWith?.(req) ?? null;
      if (own !== null) {
        res.writeHead(own.status, own.headers).end(own.body);
        return;
      }
      const port = upstreamPort();
      if (port === null) {
        req.socket.destroy();
        return;
      }
      const upstream = request(
        { host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${port}` } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => req.socket.destroy());
      upstream.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    captured,
    /** @param {typeof answerWith} answer answers a request instead of the server, when it returns an answer */
    answerWith(answer) {
      answerWith = answer;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
