import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RdapNetwork {
  country: string;
  name: string;
  handle: string;
  abuseEmail: string;
}

export interface RdapServer {
  url: string;
  requests: string[];
  /** What `ip/<address>` answers from now on. */
  set(ip: string, network: RdapNetwork): void;
  close(): Promise<void>;
}

/** A local RDAP server (RFC 9083 shapes): an IP network with a registrant holding a nested abuse contact. */
export async function startRdapServer(): Promise<RdapServer> {
  const networks = new Map<string, RdapNetwork>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const m = /\/ip\/([^/?]+)/.exec(path);
    const n = m ? networks.get(decodeURIComponent(m[1]!)) : undefined;
    if (!n) {
      res.writeHead(404, { 'content-type': 'application/rdap+json' }).end(JSON.stringify({ errorCode: 404, title: 'not found' }));
      return;
    }
    const ip = decodeURIComponent(m![1]!);
    res.writeHead(200, { 'content-type': 'application/rdap+json' }).end(
      JSON.stringify({
        rdapConformance: ['rdap_level_0'],
        objectClassName: 'ip network',
        handle: n.handle,
        startAddress: ip,
        endAddress: ip,
        ipVersion: ip.includes(':') ? 'v6' : 'v4',
        name: n.name,
        country: n.country,
        entities: [
          {
            objectClassName: 'entity',
            handle: `${n.handle}-ORG`,
            roles: ['registrant'],
            vcardArray: [
              'vcard',
              [
                ['version', {}, 'text', '4.0'],
                ['fn', {}, 'text', n.name],
              ],
            ],
            entities: [
              {
                objectClassName: 'entity',
                handle: `${n.handle}-ABUSE`,
                roles: ['abuse'],
                vcardArray: [
                  'vcard',
                  [
                    ['version', {}, 'text', '4.0'],
                    ['fn', {}, 'text', 'Abuse desk'],
                    ['email', {}, 'text', n.abuseEmail],
                  ],
                ],
              },
            ],
          },
        ],
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    set: (ip, network) => void networks.set(ip, network),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
