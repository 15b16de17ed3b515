import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { ConfigError } from '../errors';

export interface Listening {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** `portVariable` names the setting behind `port`, so a port in use tells the operator what to change. */
export function listen(app: Express, host: string, port: number, portVariable: string): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new ConfigError(`port ${port} on ${host} is in use; set ${portVariable} to another port`));
      else if (err.code === 'EADDRNOTAVAIL') reject(new ConfigError(`${host} is not an address of this machine; check the host beside ${portVariable}`));
      else reject(err);
    });
    server.once('listening', () => {
      const addr = server.address() as AddressInfo;
      const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        server,
        url: `http://${shownHost}:${addr.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
