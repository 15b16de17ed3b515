import type { RouteSpec } from '../http/route';
import { listQueueRoute } from './list-queue';
import { openApiRoute } from './openapi-document';
import { showReportRoute } from './show-report';

/** Every route of the review API, one per file in this folder; the guard, the OpenAPI document and the authorisation tests read this list. */
export function reviewRoutes(): RouteSpec[] {
  const routes: RouteSpec[] = [listQueueRoute, showReportRoute];
  return [...routes, openApiRoute(() => routes)];
}
