import { z } from 'zod';
import { recordAudit, ValidationError } from '@hotline/platform';
import { disableKnownHash } from '@hotline/hash-lists';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';

export const falsePositiveRoute: RouteSpec = {
  method: 'post',
  path: '/api/hashes/:id/false-positive',
  summary: 'Disables a known hash (a false positive); matchers stop matching it within seconds. Audited.',
  access: 'senior',
  body: z.object({ note: z.string().max(2000).optional() }).strict(),
  async handler(req, res, { ctx, principal, body }) {
    const id = z
      .string()
      .regex(/^[1-9][0-9]{0,18}$/)
      .safeParse(req.params.id);
    if (!id.success) throw new ValidationError('The hash id is a positive integer (knownHashId of a match).');
    const who = caller(principal);
    const note = (body as { note?: string }).note;
    const hash = await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, who.userId, 'hash.false_positive', `known_hash:${id.data}`, note ? { note } : {});
      return disableKnownHash(tx, id.data);
    });
    res.json(hash);
  },
};
