import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FetchFailedError } from '@hotline/platform';
import { safeFetch } from '../src';

/** A throwaway self-signed certificate for pinned.test, made locally with the openssl CLI. */
function selfSignedCert(): { key: Buffer; cert: Buffer } | null {
  const dir = mkdtempSync(join(tmpdir(), 'safe-fetch-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=pinned.test',
        '-addext',
        'subjectAltName=DNS:pinned.test',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = selfSignedCert();
const itWithOpenssl = tls ? it : it.skip;

describe('safeFetch over HTTPS with a pinned address', () => {
  itWithOpenssl('sends SNI for the host name and still verifies the certificate', async () => {
    const serverNames: string[] = [];
    const server = https.createServer({
      ...tls!,
      SNICallback: (name, cb) => {
        serverNames.push(name);
        cb(null);
      },
    });
    server.on('request', (_req, res) => res.end('<html></html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `pinned.test:${(server.address() as AddressInfo).port}`;
    try {
      const err = await safeFetch(`https://${host}/`, {
        timeoutMs: 3000,
        maxBytes: 1024,
        maxRedirects: 0,
        allowHosts: [host],
        userAgent: 'test',
        lookup: async () => [{ address: '127.0.0.1', family: 4 }],
      }).catch((e: unknown) => e);
      // The certificate is self-signed, so verification must fail: proof that pinning did not switch it off.
      expect(err).toBeInstanceOf(FetchFailedError);
      expect((err as Error).message).toMatch(/connection failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
      expect(serverNames).toEqual(['pinned.test']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
