import { recordAudit, ValidationError } from '@hotline/platform';
import { isVideoMime } from '@hotline/hashing';
import { countReveal } from '@hotline/reports';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';
import { assertMayReveal } from '../queue/item-access';
import { itemBytes } from './item-content';

export const itemImageRoute: RouteSpec = {
  method: 'get',
  path: '/api/items/:id/image',
  summary:
    'The full image, decrypted on the fly (no-store). Analysts need the item’s lease (403 lease_required); seniors need none. Every call is a reveal: audited and counted in the caller’s daily exposure. 410 content_missing once retention deleted the bytes.',
  access: 'analyst',
  responses: { 200: 'The image in its own type.', 400: 'invalid_request (a video)', 403: 'lease_required', 410: 'content_missing' },
  async handler(req, res, { ctx, principal }) {
    const who = caller(principal);
    const itemId = uuidParam(req);
    await assertMayReveal(ctx, itemId, who);
    const { bytes, mime, contentId } = await itemBytes(ctx, itemId);
    // A video is revealed as one, muted (the console's video element); never as an image.
    if (isVideoMime(mime)) throw new ValidationError('This item is a video: reveal it with GET /api/items/{id}/video.');
    // Counted and audited before a byte is sent: a reveal that cannot be recorded does not happen.
    await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, who.userId, 'item.revealed', itemId, { contentId });
      await countReveal(tx, who.userId, ctx.clock.now());
    });
    res.set({ 'Content-Type': mime, 'Cache-Control': 'no-store', 'Content-Disposition': 'inline', 'X-Content-Type-Options': 'nosniff' });
    res.send(bytes);
  },
};
