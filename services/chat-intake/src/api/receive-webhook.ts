import express, { type Router } from 'express';
import { acceptMessages } from '../accept-messages';
import type { ChatIntakeContext } from '../config';
import type { ChatPlatform } from '../platforms/chat-platform';

/**
 * POST /webhooks/<platform> — the raw body is kept as bytes: signatures are over exactly what was sent.
 * Unverified → 401, before anything is parsed or stored; a verified body that is not the platform's JSON → 400;
 * otherwise 200 once the messages are durably stored (503 if the database is away, so the platform retries).
 */
export function receiveWebhook(router: Router, ctx: ChatIntakeContext, platform: ChatPlatform): void {
  const raw = express.raw({ type: () => true, limit: ctx.cfg.CHAT_MAX_BODY_BYTES });
  router.post(`/webhooks/${platform.name}`, raw, async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    platform.verify({ headers: req.headers, query: req.query as Record<string, unknown>, rawBody });
    const outcome = await acceptMessages(ctx, platform, platform.parse(rawBody));
    res.status(200).json({ ok: true, ...outcome });
  });
}
