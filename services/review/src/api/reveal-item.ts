import type { Request, Response } from 'express';
import { recordAudit, ValidationError } from '@hotline/platform';
import { isVideoMime } from '@hotline/hashing';
import { countReveal } from '@hotline/reports';
import type { ReviewContext } from '../config';
import { caller, uuidParam } from '../http/params';
import type { Principal } from '../http/principal';
import { assertMayReveal } from '../queue/item-access';
import { itemBytes } from './item-content';

/**
 * A reveal of an item's bytes, the image or the video route's: the caller may see them (the lease), the content is of
 * the route's kind (a video is revealed only as one, muted, by the console's video element), and the reveal is audited
 * and counted in the caller's daily exposure before a byte is sent: a reveal that cannot be recorded does not happen.
 */
export async function revealItem(ctx: ReviewContext, req: Request, res: Response, principal: Principal | null, kind: 'image' | 'video'): Promise<void> {
  const who = caller(principal);
  const itemId = uuidParam(req);
  await assertMayReveal(ctx, itemId, who);
  const { bytes, mime, contentId } = await itemBytes(ctx, itemId);
  if (isVideoMime(mime) !== (kind === 'video')) {
    throw new ValidationError(
      kind === 'video'
        ? 'This item is not a video: reveal it with GET /api/items/{id}/image.'
        : 'This item is a video: reveal it with GET /api/items/{id}/video.',
    );
  }
  await ctx.db.transaction(async (tx) => {
    await recordAudit(tx, who.userId, 'item.revealed', itemId, kind === 'video' ? { contentId, media: 'video' } : { contentId });
    await countReveal(tx, who.userId, ctx.clock.now());
  });
  res.set({ 'Content-Type': mime, 'Cache-Control': 'no-store', 'Content-Disposition': 'inline', 'X-Content-Type-Options': 'nosniff' });
  res.send(bytes);
}
