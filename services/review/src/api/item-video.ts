import type { RouteSpec } from '../http/route';
import { revealItem } from './reveal-item';

export const itemVideoRoute: RouteSpec = {
  method: 'get',
  path: '/api/items/:id/video',
  summary:
    'The whole video, decrypted on the fly (no-store; no range requests). Analysts need the item’s lease (403 lease_required); seniors need none. Every call is a reveal: audited (media video) and counted in the caller’s daily exposure. 410 content_missing once retention deleted the bytes.',
  access: 'analyst',
  responses: { 200: 'The video in its own type.', 400: 'invalid_request (not a video)', 403: 'lease_required', 410: 'content_missing' },
  handler: (req, res, { ctx, principal }) => revealItem(ctx, req, res, principal, 'video'),
};
