// A small HTTP proxy for browsers without host-resolver rules (Firefox): it tunnels HTTPS (CONNECT) for the fixture's
// host names to the fixture server and refuses everything else, so no test request reaches the internet and a host
// the test did not name fails as an unknown host would.
import { createServer } from 'node:http';
import { connect } from 'node:net';

/**
 * @param {{ hosts: string[], port: number }} fixture host names to send to the fixture server on 127.0.0.1
 * @returns {Promise<{ port: number, refused: string[], close: () => Promise<void> }>}
 */
export async function startFixtureProxy(fixture) {
  const allowed = new Set(fixture.hosts);
  /** @type {string[]} */
  const refused = [];
  /** @type {Set<import('node:stream').Duplex>} */
  const sockets = new Set();
  const server = createServer((req, res) => {
    // Plain HTTP through the proxy: the fixture serves HTTPS only.
    refused.push(req.url ?? '');
    res.writeHead(403, { 'Content-Type': 'text/plain' }).end('not a test host');
  });
  server.on('connect', (req, client, head) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const [host, port] = (req.url ?? '').split(':');
    if (!allowed.has(host) || port !== '443') {
      refused.push(req.url ?? '');
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(fixture.port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    refused,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
