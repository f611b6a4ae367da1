// A static server for the offline and embedding tests: serves a build directory under any
// sub-path, plus extra files (a host page, a contest definition), and records every request.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.webmanifest': 'application/manifest+json', '.mjs': 'text/javascript',
};

/** Serves `root` at `mount` (e.g. `/kexie/baosong/`) and `extra` paths from memory, on
 *  `hostname` (another loopback address such as 127.0.0.2 is another site), its URLs named
 *  with `name` (`localhost` for 127.0.0.1 is another site too). */
export async function serveDir({ root, mount = '/', extra = {}, port = 0, hostname = '127.0.0.1', name = hostname }) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (extra[path] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(extra[path]);
      return;
    }
    if (!path.startsWith(mount)) { res.writeHead(404).end('not found'); return; }
    let file = normalize(join(root, path.slice(mount.length) || 'index.html'));
    if (!file.startsWith(normalize(root))) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', (e) => fail(e.code === 'EADDRINUSE'
      ? new Error(`port ${port} is taken: stop the other server first (a stale one would serve old files)`)
      : e));
    server.listen(port, hostname, ok);
  });
  const origin = `http://${name}:${server.address().port}`;
  return { origin, url: origin + mount, requests, close: () => new Promise((r) => server.close(r)) };
}
