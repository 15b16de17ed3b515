import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  buildReferral,
  canonicalJson,
  referralKeyProblem,
  referralMail,
  referralSigningKeySecret,
  signReferral,
  verifyReferral,
  type ReferralInput,
} from '../src';
import { HOTLINE } from './fixtures';

const key = referralSigningKeySecret.decode(referralSigningKeySecret.generate());

const trace = {
  url: 'https://img.example.de/x.jpg',
  host: 'img.example.de',
  tracedAt: '2025-01-20T11:00:00.000Z',
  ip: '192.0.2.20',
  country: 'DE',
  asn: 64500,
  asName: 'EXAMPLE-AS',
  network: '192.0.2.0/24',
  provider: { id: null, name: 'Example Hosting GmbH' },
  abuse: { email: 'abuse@example.de', source: 'rdap', fetchedAt: '2025-01-20T11:00:00.000Z' },
  upstreamAbuseEmail: null,
  language: 'de',
  cdn: null,
  error: null,
};

const input: ReferralInput<typeof trace> = {
  referralId: '5d2e7a40-1c3b-4e8f-9a6d-7b8c9d0e1f20',
  createdAt: '2025-01-20T11:05:00.000Z',
  from: { hotline: 'Test Hotline', country: 'NL' },
  to: { kind: 'inhope_member', name: 'eco', country: 'DE' },
  reason: 'inhope_country',
  caseId: 'case-7',
  url: trace.url,
  host: trace.host,
  ip: trace.ip,
  classification: { verdict: 'baseline', industry: 'A1' },
  hashes: [{ sha256: 'e'.repeat(64), md5: 'f'.repeat(32), pdq: null }],
  trace,
  firstReportedAt: '2025-01-20T08:00:00.000Z',
  decidedAt: '2025-01-20T10:00:00.000Z',
};

describe('referrals', () => {
  it('signs a referral that verifies with the public key', () => {
    const signed = signReferral(buildReferral(input), key);
    expect(signed).toMatchObject({ algorithm: 'Ed25519', keyId: key.keyId });
    expect(verifyReferral(signed, key.publicKey)).toBe(true);
    expect(signed.document.version).toBe(1);
    expect(signed.document.hashes).toEqual([{ sha256: 'e'.repeat(64), md5: 'f'.repeat(32) }]);
  });

  it('copies only the fields of a referral, so nothing else the caller holds rides along', () => {
    const doc = buildReferral({ ...input, reporter: 'someone', bytes: 'AAAA' } as ReferralInput<typeof trace>);
    expect(Object.keys(doc).sort()).toEqual(
      [
        'caseId',
        'classification',
        'createdAt',
        'decidedAt',
        'firstReportedAt',
        'from',
        'hashes',
        'host',
        'ip',
        'reason',
        'referralId',
        'to',
        'trace',
        'url',
        'version',
      ].sort(),
    );
  });

  it('refuses to refer material that is not illegal', () => {
    expect(() => buildReferral({ ...input, classification: { verdict: 'not_illegal' } })).toThrow(/not referred/);
  });

  it('does not verify a tampered document', () => {
    const signed = signReferral(buildReferral(input), key);
    expect(verifyReferral({ ...signed, document: { ...signed.document, url: 'https://elsewhere.example/x.jpg' } }, key.publicKey)).toBe(false);
    const trace2 = { ...signed.document.trace, country: 'FR' };
    expect(verifyReferral({ ...signed, document: { ...signed.document, trace: trace2 } }, key.publicKey)).toBe(false);
  });

  it('does not verify with another key', () => {
    const signed = signReferral(buildReferral(input), key);
    const other = referralSigningKeySecret.decode(referralSigningKeySecret.generate());
    expect(verifyReferral(signed, other.publicKey)).toBe(false);
    expect(verifyReferral({ ...signed, keyId: other.keyId }, other.publicKey)).toBe(false);
    expect(verifyReferral(signed, generateKeyPairSync('ed448').publicKey)).toBe(false);
  });

  it('verifies after a receiver re-orders the keys (canonical JSON)', () => {
    const signed = signReferral(buildReferral(input), key);
    const reversed = (v: unknown): unknown =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, reversed(x)]),
          )
        : v;
    const reordered = JSON.parse(JSON.stringify({ ...signed, document: reversed(signed.document) }));
    expect(JSON.stringify(reordered.document)).not.toBe(JSON.stringify(signed.document));
    expect(verifyReferral(reordered, key.publicKey)).toBe(true);
  });

  it('writes canonical JSON: keys sorted at every depth, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'é' }, u: undefined })).toBe('{"a":{"c":"é","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });

  it('derives the key id from the raw public key, and the same seed gives the same key', () => {
    const seed = randomBytes(32).toString('base64');
    const a = referralSigningKeySecret.decode(seed);
    const b = referralSigningKeySecret.decode(seed);
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.keyId).toBe(b.keyId);
    expect(a.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(a.publicKey.asymmetricKeyType).toBe('ed25519');
  });

  it('refuses a seed that is not 32 random bytes in canonical base64', () => {
    expect(referralKeyProblem(randomBytes(32).toString('base64'))).toBeUndefined();
    expect(referralKeyProblem(randomBytes(16).toString('base64'))).toMatch(/32-byte Ed25519 seed/);
    expect(referralKeyProblem(Buffer.alloc(32).toString('base64'))).toMatch(/random/);
    expect(referralSigningKeySecret).toMatchObject({ variable: 'TAKEDOWN_SIGNING_KEY', file: 'takedown-signing-key' });
  });

  it('mails the signed JSON as an attachment, with the signature in the text and the key id in a header', () => {
    const signed = signReferral(buildReferral(input), key);
    const mail = referralMail(signed, 'referrals@member.invalid', HOTLINE);
    expect(mail.to).toBe('referrals@member.invalid');
    expect(mail.headers?.['X-Hotline-Signature-Key']).toBe(key.keyId);
    expect(mail.text).toContain(signed.signature);
    const [attachment] = mail.attachments ?? [];
    expect(attachment?.filename).toBe(`referral-${input.referralId}.json`);
    expect(verifyReferral(JSON.parse(String(attachment?.content)), key.publicKey)).toBe(true);
  });
});
