import { blankToUndefined, configFields, type ConfigOf } from '@hotline/platform';
import { z } from 'zod';
import type { InhopeMember } from './inhope-members';
import type { HotlineIdentity } from './notice-mail';
import type { Contact, RoutingRules } from './routing';
import { parseSendingWindow, type SendingWindow } from './sending-window';

const { int } = configFields;
const optional = <T extends z.ZodType>(t: T) => z.preprocess(blankToUndefined, t.optional());
const country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. NL')
  .transform((c) => c.toUpperCase());
const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * Routing of confirmed URLs and the hotline's identity in notices. No default points at a real third party: police,
 * Interpol and member endpoints are empty until the hotline enters its own agreements.
 */
export const takedownRoutingConfig = {
  TAKEDOWN_HOME_COUNTRY: country.default('NL'),
  /** Hosted at home: the notice waits for the police's clearance, or for TAKEDOWN_DOMESTIC_HOLD_HOURS. */
  TAKEDOWN_DOMESTIC_NOTICE: z.enum(['after_clearance', 'after_hold']).default('after_clearance'),
  TAKEDOWN_DOMESTIC_HOLD_HOURS: int(0, 24 * 30).default(24),
  /** Hosted in another INHOPE member's country: notify now, after TAKEDOWN_INHOPE_HOLD_HOURS, or leave it to that hotline. */
  TAKEDOWN_INHOPE_NOTICE: z.enum(['now', 'after_hold', 'none']).default('now'),
  TAKEDOWN_INHOPE_HOLD_HOURS: int(0, 24 * 30).default(24),
  /** Replaces the shipped data/inhope-members.json (same shape), with the referral endpoints of your agreements. */
  TAKEDOWN_INHOPE_MEMBERS_FILE: optional(z.string()),
  TAKEDOWN_POLICE_NAME: optional(z.string().trim().min(1).max(200)),
  TAKEDOWN_POLICE_EMAIL: optional(z.email()),
  TAKEDOWN_POLICE_URL: optional(httpUrl),
  TAKEDOWN_INTERPOL_NAME: optional(z.string().trim().min(1).max(200)),
  TAKEDOWN_INTERPOL_EMAIL: optional(z.email()),
  TAKEDOWN_INTERPOL_URL: optional(httpUrl),
  TAKEDOWN_HOTLINE_NAME: z.string().trim().min(1).max(200).default('Hotline'),
  /** Sender and reply address of notices; the `.invalid` default suits the embedded mode, whose mail goes to files. */
  TAKEDOWN_HOTLINE_EMAIL: z.email().default('abuse-notices@hotline.invalid'),
  TAKEDOWN_HOTLINE_WEBSITE: optional(httpUrl),
};

/** SCARt-style working hours for notices; unset → notices go at any time. */
export const takedownSendingConfig = {
  TAKEDOWN_SEND_WINDOW: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((text, ctx): SendingWindow | typeof z.NEVER => {
        try {
          return parseSendingWindow(text);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      })
      .optional(),
  ),
  /** Days without notices, YYYY-MM-DD in the window's time zone, comma-separated. */
  TAKEDOWN_HOLIDAYS: z.preprocess((v) => blankToUndefined(v) ?? '', configFields.list.pipe(z.array(z.iso.date('must be dates as YYYY-MM-DD')))),
};

export const takedownConfig = { ...takedownRoutingConfig, ...takedownSendingConfig };

export type TakedownRoutingConfig = ConfigOf<typeof takedownRoutingConfig>;
export type TakedownSendingConfig = ConfigOf<typeof takedownSendingConfig>;
export type TakedownConfig = ConfigOf<typeof takedownConfig>;

export function routingRulesFromConfig(cfg: TakedownRoutingConfig, members: InhopeMember[]): RoutingRules {
  return {
    homeCountry: cfg.TAKEDOWN_HOME_COUNTRY,
    domesticNotice: cfg.TAKEDOWN_DOMESTIC_NOTICE,
    domesticHoldHours: cfg.TAKEDOWN_DOMESTIC_HOLD_HOURS,
    inhopeNotice: cfg.TAKEDOWN_INHOPE_NOTICE,
    inhopeHoldHours: cfg.TAKEDOWN_INHOPE_HOLD_HOURS,
    police: contact(cfg.TAKEDOWN_POLICE_NAME, cfg.TAKEDOWN_POLICE_EMAIL, cfg.TAKEDOWN_POLICE_URL, 'police'),
    interpol: contact(cfg.TAKEDOWN_INTERPOL_NAME, cfg.TAKEDOWN_INTERPOL_EMAIL, cfg.TAKEDOWN_INTERPOL_URL, 'Interpol'),
    members,
  };
}

export function hotlineFromConfig(cfg: TakedownRoutingConfig): HotlineIdentity {
  return {
    name: cfg.TAKEDOWN_HOTLINE_NAME,
    email: cfg.TAKEDOWN_HOTLINE_EMAIL,
    country: cfg.TAKEDOWN_HOME_COUNTRY,
    ...(cfg.TAKEDOWN_HOTLINE_WEBSITE ? { website: cfg.TAKEDOWN_HOTLINE_WEBSITE } : {}),
  };
}

/** A contact exists once any of its variables is set; its name defaults to what it is. */
function contact(name: string | undefined, email: string | undefined, url: string | undefined, fallback: string): Contact | null {
  if (name === undefined && email === undefined && url === undefined) return null;
  return { name: name ?? fallback, ...(email ? { email } : {}), ...(url ? { url } : {}) };
}
