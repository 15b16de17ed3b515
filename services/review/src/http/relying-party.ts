import type { Request } from 'express';
import type { RelyingParty } from '@hotline/accounts';
import type { ReviewContext } from '../config';

/** Passkeys are bound to REVIEW_RP_ID and REVIEW_ORIGIN; unset, to http://localhost on the port this request came in on. */
export function relyingParty(ctx: ReviewContext, req: Request): RelyingParty {
  return { rpId: ctx.cfg.REVIEW_RP_ID, origin: ctx.cfg.REVIEW_ORIGIN ?? `http://localhost:${req.socket.localPort}`, now: ctx.clock.now() };
}
