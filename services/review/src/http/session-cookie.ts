import type { Request, Response } from 'express';
import type { ReviewContext } from '../config';

export const SESSION_COOKIE = 'hotline_session';

/** The session token from the Cookie header (no cookie parser: this is the one cookie we read). */
export function sessionTokenOf(req: Request): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim()) || null;
  }
  return null;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure when the console is
 * served over https. No Max-Age: the server ends sessions (idle and absolute limits), the browser at exit.
 */
export function setSessionCookie(ctx: ReviewContext, res: Response, token: string): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=${token}; ${attributes(ctx)}`);
}

export function clearSessionCookie(ctx: ReviewContext, res: Response): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; ${attributes(ctx)}; Max-Age=0`);
}

function attributes(ctx: ReviewContext): string {
  const secure = ctx.cfg.REVIEW_ORIGIN?.startsWith('https:') ? '; Secure' : '';
  return `Path=/; HttpOnly; SameSite=Strict${secure}`;
}
