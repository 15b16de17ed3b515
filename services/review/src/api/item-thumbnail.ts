import { isVideoMime, thumbnail } from '@hotline/hashing';
import { firstFrameMs } from '@hotline/reports';
import { caller, uuidParam } from '../http/params';
import { assertMaySee } from '../queue/item-access';
import type { RouteSpec } from '../http/route';
import { itemBytes } from './item-content';
import { frameThumbnail, withFrameSlot } from './video-frame';

/** libvips' own default; the bytes were decoded once already by the hasher within HASH_MAX_INPUT_PIXELS. */
const MAX_PIXELS = 268_402_689;

export const itemThumbnailRoute: RouteSpec = {
  method: 'get',
  path: '/api/items/:id/thumbnail',
  summary:
    'A small thumbnail, blurred and grayscale server-side (JPEG, no-store); of a video, its first sampled frame. Not a reveal. 410 content_missing once retention deleted the bytes.',
  access: 'analyst',
  responses: { 200: 'image/jpeg', 410: 'content_missing' },
  async handler(req, res, { ctx, principal }) {
    const itemId = uuidParam(req);
    await assertMaySee(ctx, itemId, caller(principal));
    const content = await itemBytes(ctx, itemId);
    const jpeg = isVideoMime(content.mime)
      ? await withFrameSlot(async () => frameThumbnail(ctx, content, (await firstFrameMs(ctx.db, content.contentId)) ?? 0))
      : await thumbnail(content.bytes, { maxInputPixels: MAX_PIXELS });
    res.set({ 'Content-Type': 'image/jpeg', 'Cache-Control': 'no-store', 'Content-Disposition': 'inline; filename="thumbnail.jpg"' });
    res.send(jpeg);
  },
};
