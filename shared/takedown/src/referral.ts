import { sign, verify, type KeyObject } from 'node:crypto';
import { ValidationError, type Classification, type MailMessage } from '@hotline/platform';
import { canonicalJson } from './canonical-json';
import type { HotlineIdentity } from './notice-mail';
import { keyIdOf, type ReferralSigningKey } from './signing-key';

export type ReferralKind = 'police' | 'interpol' | 'inhope_member';
/** domestic: hosted in our country; inhope_country: a member hotline's country; no_hotline: elsewhere; escalation: a provider that did not act. */
export type ReferralReason = 'domestic' | 'inhope_country' | 'no_hotline' | 'escalation';

export interface ReferralHashes {
  sha256: string | null;
  md5?: string | null;
  sha1?: string | null;
  pdq?: string | null;
}

export interface ReferralDocument<Trace = unknown> {
  version: 1;
  referralId: string;
  createdAt: string;
  from: { hotline: string; country: string };
  to: { kind: ReferralKind; name: string; country?: string };
  reason: ReferralReason;
  caseId: string;
  url: string;
  host: string;
  ip: string | null;
  classification: Classification;
  /** One entry per confirmed file at the URL (none for a URL confirmed without hashable content). */
  hashes: ReferralHashes[];
  /** The hosting trace as the tracer made it. */
  trace: Trace;
  firstReportedAt: string;
  decidedAt: string;
}

export type ReferralInput<Trace = unknown> = Omit<ReferralDocument<Trace>, 'version'>;

export interface SignedReferral<Trace = unknown> {
  document: ReferralDocument<Trace>;
  /** Ed25519 over canonicalJson(document), base64. */
  signature: string;
  keyId: string;
  algorithm: 'Ed25519';
}

/**
 * A referral: what the receiving hotline or police need to act (URL, classification, hashes, trace, dates), copied
 * field by field so nothing else the caller holds (bytes, reporter data) can ride along.
 */
export function buildReferral<Trace>(input: ReferralInput<Trace>): ReferralDocument<Trace> {
  if (input.classification.verdict !== 'baseline' && input.classification.verdict !== 'national') {
    throw new ValidationError(`a ${input.classification.verdict} verdict is not referred`);
  }
  return {
    version: 1,
    referralId: input.referralId,
    createdAt: input.createdAt,
    from: { hotline: input.from.hotline, country: input.from.country },
    to: { kind: input.to.kind, name: input.to.name, ...(input.to.country ? { country: input.to.country } : {}) },
    reason: input.reason,
    caseId: input.caseId,
    url: input.url,
    host: input.host,
    ip: input.ip,
    classification: { ...input.classification },
    hashes: input.hashes.map(({ sha256, md5, sha1, pdq }) => ({ sha256, ...(md5 ? { md5 } : {}), ...(sha1 ? { sha1 } : {}), ...(pdq ? { pdq } : {}) })),
    trace: input.trace,
    firstReportedAt: input.firstReportedAt,
    decidedAt: input.decidedAt,
  };
}

export function signReferral<Trace>(document: ReferralDocument<Trace>, key: Pick<ReferralSigningKey, 'privateKey' | 'keyId'>): SignedReferral<Trace> {
  const signature = sign(null, Buffer.from(canonicalJson(document), 'utf8'), key.privateKey).toString('base64');
  return { document, signature, keyId: key.keyId, algorithm: 'Ed25519' };
}

/** True only when the signature is the given key's over exactly this document (in any key order). */
export function verifyReferral(signed: SignedReferral<unknown>, publicKey: KeyObject): boolean {
  if (signed.algorithm !== 'Ed25519' || publicKey.asymmetricKeyType !== 'ed25519') return false;
  if (signed.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, Buffer.from(canonicalJson(signed.document), 'utf8'), publicKey, Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The referral by e-mail: the signed JSON attached, the signature and key id in the text and a header. */
export function referralMail(signed: SignedReferral<unknown>, toAddress: string, hotline: HotlineIdentity): MailMessage {
  const d = signed.document;
  return {
    to: toAddress,
    replyTo: hotline.email,
    subject: `[${hotline.name.replace(/[\r\n]+/g, ' ')}] Referral ${d.referralId}: child sexual abuse material at ${d.host}`,
    text: [
      `Dear colleagues,`,
      `${hotline.name} (${hotline.country}) refers to you a URL that one of our analysts has assessed as child sexual abuse material (${d.classification.verdict}). Reason: ${REASON_TEXT[d.reason]}.`,
      `URL: ${d.url}\nHost: ${d.host}\nIP address: ${d.ip ?? 'unknown'}\nSHA-256: ${d.hashes.map((h) => h.sha256 ?? '—').join(', ') || '—'}\nReported to us: ${d.firstReportedAt}\nConfirmed by an analyst: ${d.decidedAt}`,
      `The attached referral-${d.referralId}.json holds the referral document (classification, hashes, hosting trace) and its signature. It contains no image and no data about who reported it. Please do not open the URL unless your procedures require it.`,
      `Signature (Ed25519 over the document as canonical JSON: keys sorted, no whitespace; base64):\n${signed.signature}\nKey id: ${signed.keyId} (the first 16 hex characters of the SHA-256 of the raw public key; ask us for the public key through a separate channel).`,
      `Please reply to ${hotline.email} quoting referral ${d.referralId}.`,
      [`Kind regards,`, hotline.name, hotline.email, hotline.website].filter(Boolean).join('\n'),
    ].join('\n\n'),
    headers: { 'X-Hotline-Signature-Key': signed.keyId, 'X-Hotline-Referral-Id': d.referralId },
    attachments: [{ filename: `referral-${d.referralId}.json`, content: JSON.stringify(signed, null, 2), contentType: 'application/json' }],
  };
}

const REASON_TEXT: Record<ReferralReason, string> = {
  domestic: 'it is hosted in our country',
  inhope_country: 'it is hosted in your country, where you are the INHOPE member hotline',
  no_hotline: 'it is hosted in a country without an INHOPE member hotline',
  escalation: 'the hosting provider has not removed it after repeated notices',
};
