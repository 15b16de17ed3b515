import net from 'node:net';

export interface PgProxy {
  /** The target connection string with host:port pointing at the proxy. */
  connectionString: string;
  /** Drops every open connection and refuses new ones (accepted, then closed) until `restore()` or `seconds` pass. */
  cut(seconds?: number): void;
  restore(): void;
  /** Connections dropped or refused so far. */
  readonly dropped: number;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of PostgreSQL, so a test can make the database vanish for a while. */
export async function startPgProxy(targetUrl: string): Promise<PgProxy> {
  const target = new URL(targetUrl);
  const targetHost = target.hostname || '127.0.0.1';
  const targetPort = Number(target.port || 5432);
  const open = new Set<net.Socket>();
  let refusing = false;
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;

  const server = net.createServer((client) => {
    if (refusing) {
      dropped++;
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const proxied = new URL(targetUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);

  const proxy: PgProxy = {
    connectionString: proxied.toString(),
    get dropped() {
      return dropped;
    },
    cut(seconds) {
      refusing = true;
      for (const s of open) {
        dropped++;
        s.destroy();
      }
      open.clear();
      clearTimeout(timer);
      if (seconds !== undefined) timer = setTimeout(() => proxy.restore(), seconds * 1000);
    },
    restore() {
      clearTimeout(timer);
      refusing = false;
    },
    async close() {
      clearTimeout(timer);
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
