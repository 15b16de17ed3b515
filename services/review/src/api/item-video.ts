import { recordAudit, ValidationError } from '@hotline/platform';
import { isVideoMime } from '@hotline/hashing';
import { countReveal } from '@hotline/reports';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';
import { assertMayReveal } from '../queue/item-access';
import { itemBytes } from './item-content';

export const itemVideoRoute: RouteSpec = {
  method: 'get',
  path: '/api/items/:id/video',
  summary:
    'The whole video, decrypted on the fly (no-store; no range requests). Analysts need the item’s lease (403 lease_required); seniors need none. Every call is a reveal: audited (media video) and counted in the caller’s daily exposure. 410 content_missing once retention deleted the bytes.',
  access: 'analyst',
  responses: { 200: 'The video in its own type.', 400: 'invalid_request (not a video)', 403: 'lease_required', 410: 'content_missing' },
  async handler(req, res, { ctx, principal }) {
    const who = caller(principal);
    const itemId = uuidParam(req);
    await assertMayReveal(ctx, itemId, who);
    const { bytes, mime, contentId } = await itemBytes(ctx, itemId);
    if (!isVideoMime(mime)) throw new ValidationError('This item is not a video: reveal it with GET /api/items/{id}/image.');
    // Counted and audited before a byte is sent, as an image reveal.
    await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, who.userId, 'item.revealed', itemId, { contentId, media: 'video' });
      await countReveal(tx, who.userId, ctx.clock.now());
    });
    res.set({ 'Content-Type': mime, 'Cache-Control': 'no-store', 'Content-Disposition': 'inline', 'X-Content-Type-Options': 'nosniff' });
    res.send(bytes);
  },
};
