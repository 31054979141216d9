/**
 * A tiny static server for the built app on 127.0.0.1 and a free port. `routes`
 * override paths (e.g. the graph file a test wants); null answers 404.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  url: string;
  /** Bytes sent per path, to measure what a page loaded. */
  sent: Map<string, number>;
  routes: Map<string, string | Buffer | null>;
  close(): Promise<void>;
}

export async function startStaticServer(root: string, routes: Record<string, string | Buffer | null> = {}): Promise<StaticServer> {
  const table = new Map(Object.entries(routes));
  const sent = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const record = (bytes: number) => sent.set(path, (sent.get(path) ?? 0) + bytes);
    if (table.has(path)) {
      const body = table.get(path);
      if (body === null || body === undefined) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      record(Buffer.byteLength(body));
      res.end(body);
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    record(statSync(file).size);
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    routes: table,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
