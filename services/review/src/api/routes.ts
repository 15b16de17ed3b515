import type { RouteSpec } from '../http/route';
import { addPasskeyRoute } from './add-passkey';
import { changePasswordRoute } from './change-password';
import { confirmTotpRoute } from './confirm-totp';
import { createApiTokenRoute } from './create-api-token';
import { createSessionRoute } from './create-session';
import { createUserRoute } from './create-user';
import { deleteSessionRoute } from './delete-session';
import { listApiTokensRoute } from './list-api-tokens';
import { listPasskeysRoute } from './list-passkeys';
import { listQueueRoute } from './list-queue';
import { listUsersRoute } from './list-users';
import { openApiRoute } from './openapi-document';
import { passkeyLoginOptionsRoute } from './passkey-login-options';
import { passkeyOptionsRoute } from './passkey-options';
import { reauthOptionsRoute } from './reauth-options';
import { reauthSessionRoute } from './reauth-session';
import { removePasskeyRoute } from './remove-passkey';
import { resetUserRoute } from './reset-user';
import { revokeApiTokenRoute } from './revoke-api-token';
import { showReportRoute } from './show-report';
import { showSessionRoute } from './show-session';
import { totpOptionsRoute } from './totp-options';
import { updatePreferencesRoute } from './update-preferences';
import { updateUserRoute } from './update-user';

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
    // queue and reports
    listQueueRoute,
    showReportRoute,
  ];
  // The document describes every route, itself included.
  const all: RouteSpec[] = [...routes, openApiRoute(() => all)];
  return all;
}
