import type { RouteSpec } from '../http/route';
import { revealItem } from './reveal-item';

export const itemImageRoute: RouteSpec = {
  method: 'get',
  path: '/api/items/:id/image',
  summary:
    'The full image, decrypted on the fly (no-store). Analysts need the item’s lease (403 lease_required); seniors need none. Every call is a reveal: audited and counted in the caller’s daily exposure. 410 content_missing once retention deleted the bytes.',
  access: 'analyst',
  responses: { 200: 'The image in its own type.', 400: 'invalid_request (a video)', 403: 'lease_required', 410: 'content_missing' },
  handler: (req, res, { ctx, principal }) => revealItem(ctx, req, res, principal, 'image'),
};
