import type { Request } from 'express';
import { z } from 'zod';
import { UnauthorizedError, ValidationError } from '@hotline/platform';
import { hasRole, type Principal } from './principal';

/** A UUID path parameter, or a 400 that names it. */
export function uuidParam(req: Request, name = 'id'): string {
  const id = z.string().uuid().safeParse(req.params[name]);
  if (!id.success) throw new ValidationError(`The ${name} must be a UUID.`);
  return id.data;
}

/** The caller of a guarded route (the guard sets it; only public routes see null). */
export function caller(p: Principal | null): Principal & { senior: boolean } {
  // Only a route mounted as public runs without one; calling this there is a bug, answered as not logged in.
  if (!p) throw new UnauthorizedError('Log in first.');
  return { ...p, senior: hasRole(p.role, 'senior') };
}
