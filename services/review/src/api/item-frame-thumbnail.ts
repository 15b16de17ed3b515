import { caller, uuidParam } from '../http/params';
import { assertMaySee } from '../queue/item-access';
import type { RouteSpec } from '../http/route';
import { itemBytes } from './item-content';
import { frameThumbnail, sampledFrameOf, withFrameSlot } from './video-frame';

export const itemFrameThumbnailRoute: RouteSpec = {
  method: 'get',
  path: '/api/items/:id/frames/:timestampMs/thumbnail',
  summary:
    'A video item’s frame at one of its sampled times (1 per second), as a small thumbnail blurred and grayscale server-side (JPEG, no-store). Not a reveal. 400 for a time that was not sampled, 410 content_missing once retention deleted the bytes.',
  access: 'analyst',
  responses: { 200: 'image/jpeg', 400: 'invalid_request (not a sampled frame)', 410: 'content_missing' },
  async handler(req, res, { ctx, principal }) {
    const itemId = uuidParam(req);
    await assertMaySee(ctx, itemId, caller(principal));
    const timestampMs = await sampledFrameOf(ctx, itemId, String(req.params.timestampMs ?? ''));
    const jpeg = await withFrameSlot(async () => frameThumbnail(ctx, await itemBytes(ctx, itemId), timestampMs));
    res.set({ 'Content-Type': 'image/jpeg', 'Cache-Control': 'no-store', 'Content-Disposition': 'inline; filename="frame.jpg"' });
    res.send(jpeg);
  },
};
