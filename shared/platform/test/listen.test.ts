import net from 'node:net';
import express from 'express';
import { ConfigError, listen } from '../src';

describe('listen()', () => {
  it('item 17: a port in use is a ConfigError naming the variable to change', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const attempt = listen(express(), '127.0.0.1', port, 'INTAKE_PORT');
      await expect(attempt).rejects.toBeInstanceOf(ConfigError);
      await expect(attempt).rejects.toThrow(`port ${port} on 127.0.0.1 is in use; set INTAKE_PORT to another port`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('item 17: a host that is not an address of this machine names the setting too', async () => {
    // 192.0.2.1 is TEST-NET-1 (documentation only): never assigned to this machine, and nothing is sent.
    await expect(listen(express(), '192.0.2.1', 0, 'REVIEW_PORT')).rejects.toThrow(/192\.0\.2\.1 is not an address of this machine.*REVIEW_PORT/);
  });

  it('gives the URL it listens on and closes', async () => {
    const running = await listen(express(), '127.0.0.1', 0, 'REVIEW_PORT');
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await running.close();
  });
});
