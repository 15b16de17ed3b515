import { HotlineError, MailError } from '@hotline/platform';
import { addEvent, getCase, getReferral, markReferral, referralMail, type SignedReferral } from '@hotline/takedown';
import type { TakedownContext } from './config';
import type { TakedownDeps } from './deps';

class ReferralDeliveryError extends HotlineError {
  constructor(message: string, retriable: boolean) {
    super('referral_undelivered', message, { status: 502, retriable });
  }
}

/**
 * `takedown.referral`: delivers one signed referral over HTTP (POST of the signed JSON) or e-mail (the signed JSON
 * attached). Failures are retried by the job's back-off; the last failure is kept on the referral for the console.
 */
export async function sendReferral(
  ctx: TakedownContext,
  deps: TakedownDeps,
  referralId: string,
  attempt: { n: number; max: number } = { n: 1, max: 1 },
  signal?: AbortSignal,
): Promise<void> {
  const r = await getReferral(ctx.db, referralId);
  if (!r || r.state !== 'pending' || !r.address || !r.document || !r.signature || !r.keyId) return;
  // Revised to not illegal (or closed) while the referral waited for a retry: it must not go out any more.
  const c = await getCase(ctx.db, r.caseId);
  if (!c || c.state === 'cancelled') {
    await ctx.db.transaction(async (tx) => {
      await markReferral(tx, referralId, 'failed', 'not sent: the case was cancelled', ctx.clock.now());
      if (c) await addEvent(tx, c.id, 'referral_withdrawn', { referralId, kind: r.kind, name: r.name }, ctx.clock.now());
    });
    return;
  }
  const signed = { document: r.document, signature: r.signature, keyId: r.keyId, algorithm: 'Ed25519' } as unknown as SignedReferral;
  try {
    if (r.channel === 'http') await post(r.address, signed, deps.cfg.RDAP_TIMEOUT_MS * 2, signal);
    else
      await ctx.mailer.send(
        referralMail(signed, r.address, {
          name: deps.cfg.TAKEDOWN_HOTLINE_NAME,
          email: deps.cfg.TAKEDOWN_HOTLINE_EMAIL,
          country: deps.cfg.TAKEDOWN_HOME_COUNTRY,
        }),
      );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const failure =
      err instanceof MailError || err instanceof ReferralDeliveryError ? err : new ReferralDeliveryError(`referral not delivered: ${message}`, true);
    // The last try, or a refusal for good: the referral is marked failed on the case's timeline for a person to
    // forward by hand, rather than left pending with no timer behind it.
    const final = !failure.retriable || attempt.n >= attempt.max;
    await ctx.db.transaction(async (tx) => {
      await markReferral(tx, referralId, final ? 'failed' : 'pending', message, ctx.clock.now());
      if (final) await addEvent(tx, r.caseId, 'referral_failed', { referralId, kind: r.kind, name: r.name, reason: message.slice(0, 500) }, ctx.clock.now());
    });
    if (final) return;
    throw failure;
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await markReferral(tx, referralId, 'sent', null, now);
    await addEvent(tx, r.caseId, 'referral_sent', { referralId, kind: r.kind, name: r.name, channel: r.channel }, now);
  });
  ctx.logger.info({ referralId, kind: r.kind, channel: r.channel }, 'takedown referral sent');
}

async function post(url: string, body: unknown, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    redirect: 'error',
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299)
    throw new ReferralDeliveryError(`the endpoint answered HTTP ${res.status}`, res.status >= 500 || res.status === 429);
}
