import type { ReportClosed } from '@hotline/platform';

export type Language = 'nl' | 'fr' | 'de' | 'en';
export type Finding = 'illegal' | 'not_illegal' | 'not_assessed';

/** `nl-BE` → nl; anything other than nl, fr, de → en. */
export function replyLanguage(code: string | undefined): Language {
  const base = (code ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'nl' || base === 'fr' || base === 'de' ? base : 'en';
}

/** In general terms only: illegal when any item was, not illegal when every assessed item was not. */
export function findingOf(outcome: ReportClosed['outcome']): Finding {
  if (outcome.baseline + outcome.national > 0) return 'illegal';
  if (outcome.not_illegal > 0) return 'not_illegal';
  return 'not_assessed';
}

const ACK: Record<Language, string> = {
  nl: 'Uw melding is ontvangen. U kunt het materiaal nu van uw toestel verwijderen. U hoort van ons zodra de melding is behandeld.',
  fr: 'Votre signalement a été reçu. Vous pouvez maintenant supprimer le contenu de votre appareil. Nous vous informerons lorsque le signalement aura été traité.',
  de: 'Ihre Meldung ist eingegangen. Sie können das Material jetzt von Ihrem Gerät löschen. Sie hören von uns, sobald die Meldung bearbeitet ist.',
  en: 'Your report has been received. You can now delete the material from your device. We will let you know once the report has been handled.',
};

const FEEDBACK: Record<Language, Record<Finding, string>> = {
  nl: {
    illegal: 'Uw melding is behandeld: er is illegaal materiaal gevonden en er wordt actie ondernomen. Dank u wel.',
    not_illegal: 'Uw melding is behandeld: er is geen illegaal materiaal gevonden. Dank u wel.',
    not_assessed: 'Uw melding is behandeld: het materiaal kon niet worden beoordeeld (bijvoorbeeld omdat het niet meer bereikbaar was). Dank u wel.',
  },
  fr: {
    illegal: 'Votre signalement a été traité : du contenu illégal a été trouvé et des mesures sont prises. Merci.',
    not_illegal: "Votre signalement a été traité : aucun contenu illégal n'a été trouvé. Merci.",
    not_assessed: "Votre signalement a été traité : le contenu n'a pas pu être évalué (par exemple parce qu'il n'était plus accessible). Merci.",
  },
  de: {
    illegal: 'Ihre Meldung wurde bearbeitet: Es wurde illegales Material gefunden, und es werden Maßnahmen ergriffen. Vielen Dank.',
    not_illegal: 'Ihre Meldung wurde bearbeitet: Es wurde kein illegales Material gefunden. Vielen Dank.',
    not_assessed: 'Ihre Meldung wurde bearbeitet: Das Material konnte nicht beurteilt werden (zum Beispiel, weil es nicht mehr erreichbar war). Vielen Dank.',
  },
  en: {
    illegal: 'Your report has been handled: illegal material was found and action is being taken. Thank you.',
    not_illegal: 'Your report has been handled: no illegal material was found. Thank you.',
    not_assessed: 'Your report has been handled: the material could not be assessed (for example because it was no longer reachable). Thank you.',
  },
};

export function acknowledgement(lang: Language): string {
  return ACK[lang];
}

export function feedback(lang: Language, outcome: ReportClosed['outcome']): string {
  return FEEDBACK[lang][findingOf(outcome)];
}
