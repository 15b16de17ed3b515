import { z } from 'zod';

/** The console's settings, all four at once (the same bounds as review_settings' checks). */
export const settingsBody = z
  .object({
    fourEyes: z.boolean(),
    leaseSeconds: z.number().int().min(30).max(86400),
    breakEveryMinutes: z.number().int().min(5).max(480),
    dailyExposureLimit: z.number().int().min(1).max(100000),
  })
  .strict();
