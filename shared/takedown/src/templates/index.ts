import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import { nl } from './nl';
import type { NoticeTemplate } from './template';

export const NOTICE_TEMPLATES: Readonly<Record<string, NoticeTemplate>> = { en, nl, de, fr };

/** The template for a provider's language ('de', 'de-AT', 'DE'), or null when we have none (English only then). */
export function templateFor(language: string | null): NoticeTemplate | null {
  const primary = language?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && primary !== 'en' ? (NOTICE_TEMPLATES[primary] ?? null) : null;
}

export { en };
export type { NoticeLevel, NoticeTemplate } from './template';
