import type { Request, Response, Router } from 'express';
import type { ZodType } from 'zod';
import type { ReviewContext } from '../config';
import type { Principal, Role } from './principal';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One route of the review API, declared as data so that the guard, the OpenAPI document
 * (`GET /api/openapi.json`) and the authorisation tests all read the same table: a route that is
 * not declared here is not served, and every declared one is checked by `test/review-authz.test.ts`.
 */
export interface RouteSpec {
  method: Method;
  /** Express path, e.g. `/api/items/:id/decision`; the OpenAPI document shows `{id}`. */
  path: string;
  summary: string;
  /**
   * The least role that may call it, or `public` (the login itself, the OpenAPI document). State-changing
   * methods (everything but GET) also need the session's CSRF token in `X-CSRF-Token` unless the caller
   * uses an API token.
   */
  access: Role | 'public';
  /**
   * Admin actions and changes of a second factor or an API token: the session must have re-entered its password
   * and second factor within REVIEW_REAUTH_MINUTES (so an API token never passes).
   */
  reauth?: boolean;
  /** Changes of the account itself (password, token revocation): a console session only, an API token gets 403 `session_required`. */
  sessionOnly?: boolean;
  /** Request body (JSON), for validation and the document. */
  body?: ZodType;
  /** Response description for the document: status → text. */
  responses?: Record<number, string>;
  handler(req: Request, res: Response, call: RouteCall): Promise<void>;
}

export interface RouteCall {
  ctx: ReviewContext;
  /** Null only on `public` routes. */
  principal: Principal | null;
  /** The parsed body when `body` is set. */
  body: unknown;
}

/** What the accounts module provides: who is calling, and whether a state change carries its CSRF token. */
export interface Guard {
  /** Resolves the caller from the session cookie or an API token; null when there is none (or it expired). */
  authenticate(req: Request, res: Response): Promise<Principal | null>;
  /** True when the request's `X-CSRF-Token` is the session's token (sessions only; tokens need none). */
  csrfOk(req: Request, principal: Principal): boolean;
}

export type RouteModule = (ctx: ReviewContext) => RouteSpec[];

export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

export function isStateChanging(method: Method): boolean {
  return method !== 'get';
}

export type Mount = (router: Router, ctx: ReviewContext, specs: RouteSpec[], guard: Guard) => void;
