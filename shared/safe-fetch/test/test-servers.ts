import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export interface TestServer {
  port: number;
  url(path?: string): string;
  /** TCP connections accepted, counted before any HTTP parsing. */
  connections(): number;
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 only: tests never talk to anything but themselves. */
export async function startServer(handler: http.RequestListener = (_req, res) => res.end()): Promise<TestServer> {
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  const requests: http.IncomingMessage[] = [];
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    connections: () => connections,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A small synthetic gradient, so no real imagery is ever involved. */
export async function gradientPng(width = 32, height = 24): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = Math.round((x / (width - 1)) * 255);
      pixels[i + 1] = Math.round((y / (height - 1)) * 255);
      pixels[i + 2] = 128;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
