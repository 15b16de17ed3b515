import type { RouteSpec } from '../http/route';
import { claimItemRoute } from './claim-item';
import { decideItemRoute } from './decide-item';
import { decideReportRoute } from './decide-report';
import { falsePositiveRoute } from './false-positive';
import { itemImageRoute } from './item-image';
import { itemThumbnailRoute } from './item-thumbnail';
import { listClosedReportsRoute } from './list-closed-reports';
import { listQueueRoute } from './list-queue';
import { myExposureRoute } from './my-exposure';
import { openApiRoute } from './openapi-document';
import { releaseLeaseRoute } from './release-lease';
import { renewLeaseRoute } from './renew-lease';
import { showDashboardRoute } from './show-dashboard';
import { showItemRoute } from './show-item';
import { showReportRoute } from './show-report';
import { showSettingsRoute } from './show-settings';
import { updateSettingsRoute } from './update-settings';

/** Every route of the review API, one per file in this folder; the guard, the OpenAPI document and the authorisation tests read this list. */
export function reviewRoutes(): RouteSpec[] {
  const routes: RouteSpec[] = [
    listQueueRoute,
    claimItemRoute,
    renewLeaseRoute,
    releaseLeaseRoute,
    showItemRoute,
    itemThumbnailRoute,
    itemImageRoute,
    decideItemRoute,
    decideReportRoute,
    showReportRoute,
    listClosedReportsRoute,
    myExposureRoute,
    showDashboardRoute,
    falsePositiveRoute,
    showSettingsRoute,
    updateSettingsRoute,
  ];
  return [...routes, openApiRoute(() => routes)];
}
