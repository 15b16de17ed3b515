import type { RouteSpec } from '../http/route';
import { openApiDocument } from '../http/openapi';

/** `GET /api/openapi.json`: public, like any API description; it names routes, never data. */
export function openApiRoute(all: () => RouteSpec[]): RouteSpec {
  return {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document.',
    access: 'public',
    async handler(_req, res) {
      res.json(openApiDocument(all()));
    },
  };
}
