import type { IntakeConfig } from './config';

/** What the public pages say about who runs them and what they accept. */
export interface IntakeSettings {
  /** Unset → the pages say "this hotline" in their own language. */
  hotlineName?: string;
  /** The hotline's own privacy statement; unset → the intake's /privacy page. */
  privacyUrl?: string;
  uploadsEnabled: boolean;
}

export function intakeSettings(cfg: IntakeConfig): IntakeSettings {
  return { hotlineName: cfg.HOTLINE_NAME, privacyUrl: cfg.HOTLINE_PRIVACY_URL, uploadsEnabled: cfg.INTAKE_UPLOADS_ENABLED };
}
