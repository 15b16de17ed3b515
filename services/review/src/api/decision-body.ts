import { classificationSchema } from '@hotline/platform';
import { z } from 'zod';

/** The body of a decision (an item's or a whole report's): the classification and an optional note. */
export const decisionBody = classificationSchema.extend({ note: z.string().max(2000).optional() }).strict();
