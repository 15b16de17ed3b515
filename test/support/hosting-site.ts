import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Hold the response open without finishing it (timeouts). */
  hang?: boolean;
}

export interface HostingSite {
  url: string;
  hostPort: string;
  hits: Map<string, number>;
  /** Every request header seen, so tests can check what the fetcher sent. */
  seenHeaders: http.IncomingHttpHeaders[];
  set(path: string, route: Route): void;
  close(): Promise<void>;
}

/** A stand-in "hosting site" on 127.0.0.1 (or another loopback address) serving whatever each test puts on it. */
export async function startHostingSite(routes: Record<string, Route> = {}, host = '127.0.0.1'): Promise<HostingSite> {
  const table = new Map(Object.entries(routes));
  const hits = new Map<string, number>();
  const seenHeaders: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    seenHeaders.push(req.headers);
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(route.status ?? 200, route.headers ?? {});
    if (route.hang) {
      res.write(' ');
      return;
    }
    res.end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    hostPort: `${host}:${port}`,
    hits,
    seenHeaders,
    set: (path, route) => table.set(path, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
