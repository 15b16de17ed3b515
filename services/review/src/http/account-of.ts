import { z } from 'zod';
import { userById, type UserRow } from '@hotline/accounts';
import { UnauthorizedError, ValidationError, type Queryable } from '@hotline/platform';
import type { Principal } from './principal';

/** The caller's account row (the guard let them in, but the row may have gone since). */
export async function accountOf(db: Queryable, principal: Principal | null): Promise<UserRow> {
  const user = principal && (await userById(db, principal.userId));
  if (!user || user.disabled) throw new UnauthorizedError('Log in first.');
  return user;
}

/** A `:id` path parameter, which is a UUID everywhere in this API. */
export function idParam(value: unknown): string {
  const id = z.string().uuid().safeParse(value);
  if (!id.success) throw new ValidationError('The id must be a UUID.');
  return id.data;
}

/** A WebAuthn response as @simplewebauthn/browser returns it; its fields are checked by the verifier. */
export const webauthnJson = z.looseObject({ id: z.string().min(1).max(1024), response: z.looseObject({}) });
