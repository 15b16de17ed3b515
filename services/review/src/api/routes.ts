import type { RouteSpec } from '../http/route';
import { addPasskeyRoute } from './add-passkey';
import { changePasswordRoute } from './change-password';
import { claimItemRoute } from './claim-item';
import { confirmTotpRoute } from './confirm-totp';
import { createApiTokenRoute } from './create-api-token';
import { createSessionRoute } from './create-session';
import { createUserRoute } from './create-user';
import { decideItemRoute } from './decide-item';
import { decideReportRoute } from './decide-report';
import { deleteSessionRoute } from './delete-session';
import { falsePositiveRoute } from './false-positive';
import { itemFrameThumbnailRoute } from './item-frame-thumbnail';
import { itemImageRoute } from './item-image';
import { itemThumbnailRoute } from './item-thumbnail';
import { itemVideoRoute } from './item-video';
import { listApiTokensRoute } from './list-api-tokens';
import { listClosedReportsRoute } from './list-closed-reports';
import { listPasskeysRoute } from './list-passkeys';
import { listQueueRoute } from './list-queue';
import { listUsersRoute } from './list-users';
import { myExposureRoute } from './my-exposure';
import { openApiRoute } from './openapi-document';
import { passkeyLoginOptionsRoute } from './passkey-login-options';
import { passkeyOptionsRoute } from './passkey-options';
import { reauthOptionsRoute } from './reauth-options';
import { reauthSessionRoute } from './reauth-session';
import { releaseLeaseRoute } from './release-lease';
import { removePasskeyRoute } from './remove-passkey';
import { renewLeaseRoute } from './renew-lease';
import { resetUserRoute } from './reset-user';
import { reviseItemRoute } from './revise-item';
import { revokeApiTokenRoute } from './revoke-api-token';
import { showDashboardRoute } from './show-dashboard';
import { showItemRoute } from './show-item';
import { showReportRoute } from './show-report';
import { showSessionRoute } from './show-session';
import { showSettingsRoute } from './show-settings';
import { totpOptionsRoute } from './totp-options';
import { updatePreferencesRoute } from './update-preferences';
import { updateSettingsRoute } from './update-settings';
import { updateUserRoute } from './update-user';
import { cancelTakedownCaseRoute } from './cancel-takedown-case';
import { clearTakedownCaseRoute } from './clear-takedown-case';
import { exportTakedownStatisticsRoute } from './export-takedown-statistics';
import { listTakedownCasesRoute } from './list-takedown-cases';
import { retraceTakedownCaseRoute } from './retrace-takedown-case';
import { showTakedownCaseRoute } from './show-takedown-case';
import { showTakedownStatisticsRoute } from './show-takedown-statistics';
import { createDirectoryProviderRoute } from './create-directory-provider';
import { deleteDirectoryCdnRuleRoute } from './delete-directory-cdn-rule';
import { deleteDirectoryOverrideRoute } from './delete-directory-override';
import { deleteDirectoryProviderRoute } from './delete-directory-provider';
import { forgetCachedContactRoute } from './forget-cached-contact';
import { setDirectoryCdnRuleRoute } from './set-directory-cdn-rule';
import { setDirectoryOverrideRoute } from './set-directory-override';
import { showTakedownDirectoryRoute } from './show-takedown-directory';
import { updateDirectoryProviderRoute } from './update-directory-provider';

/** Every route of the review API, one per file in this folder; the guard, the OpenAPI document and the authorisation tests read this list. */
export function reviewRoutes(): RouteSpec[] {
  const routes: RouteSpec[] = [
    // session
    createSessionRoute,
    passkeyLoginOptionsRoute,
    showSessionRoute,
    deleteSessionRoute,
    reauthSessionRoute,
    reauthOptionsRoute,
    // account self-service
    updatePreferencesRoute,
    changePasswordRoute,
    passkeyOptionsRoute,
    addPasskeyRoute,
    listPasskeysRoute,
    removePasskeyRoute,
    totpOptionsRoute,
    confirmTotpRoute,
    listApiTokensRoute,
    createApiTokenRoute,
    revokeApiTokenRoute,
    // administration
    listUsersRoute,
    createUserRoute,
    updateUserRoute,
    resetUserRoute,
    // queue, items and reports
    listQueueRoute,
    claimItemRoute,
    renewLeaseRoute,
    releaseLeaseRoute,
    showItemRoute,
    itemThumbnailRoute,
    itemImageRoute,
    itemFrameThumbnailRoute,
    itemVideoRoute,
    decideItemRoute,
    decideReportRoute,
    reviseItemRoute,
    showReportRoute,
    listClosedReportsRoute,
    myExposureRoute,
    showDashboardRoute,
    falsePositiveRoute,
    showSettingsRoute,
    updateSettingsRoute,
    // notice-and-takedown
    listTakedownCasesRoute,
    showTakedownCaseRoute,
    clearTakedownCaseRoute,
    retraceTakedownCaseRoute,
    cancelTakedownCaseRoute,
    showTakedownStatisticsRoute,
    exportTakedownStatisticsRoute,
    // the provider directory the hosting trace consults
    showTakedownDirectoryRoute,
    createDirectoryProviderRoute,
    updateDirectoryProviderRoute,
    deleteDirectoryProviderRoute,
    setDirectoryOverrideRoute,
    deleteDirectoryOverrideRoute,
    setDirectoryCdnRuleRoute,
    deleteDirectoryCdnRuleRoute,
    forgetCachedContactRoute,
  ];
  // The document describes every route, itself included.
  const all: RouteSpec[] = [...routes, openApiRoute(() => all)];
  return all;
}
