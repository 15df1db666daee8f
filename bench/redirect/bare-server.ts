import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

/**
 * The baseline for `npm run bench:redirect`: plain `node:http` answering every request with
 * the redirect the redirector gives for the benchmark link (same headers, a fresh id in
 * `cid`), and nothing else: no routing, no lookup, no click recording.
 */
const [port, locationHead] = process.argv.slice(2);
if (!port || !locationHead) throw new Error('usage: bare-server <port> <location up to the click id>');

createServer((_request, response) => {
  response.writeHead(302, {
    location: `${locationHead}${randomUUID()}`,
    'cache-control': 'no-store',
    'referrer-policy': 'strict-origin-when-cross-origin',
  });
  response.end();
}).listen(Number(port), '127.0.0.1');
