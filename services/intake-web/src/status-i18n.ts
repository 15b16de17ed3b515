import type { PublicStatus } from '@hotline/reports';
import type { Lang } from './i18n';

/** The pick-up code on the thanks page and the status page, in the form's languages. */
export interface StatusStrings {
  pickupTitle: string;
  pickupBody: string;
  pickupOnce: string;
  title: string;
  intro: string;
  referenceLabel: string;
  codeLabel: string;
  submit: string;
  heading: string;
  status: Record<PublicStatus, { name: string; explain: string }>;
  notFound: string;
  rateLimited: string;
  checkLink: string;
}

const en: StatusStrings = {
  pickupTitle: 'Your pick-up code',
  pickupBody: 'With the reference and this code you can see later how far your report has got, on the status page. No e-mail, no account.',
  pickupOnce: 'Write it down now: it is shown only this once, and we keep only a scrambled form of it. It expires when the report is no longer kept.',
  title: 'Status of a report',
  intro: 'Enter the reference and the pick-up code you got when you sent the report.',
  referenceLabel: 'Reference',
  codeLabel: 'Pick-up code',
  submit: 'Show status',
  heading: 'Status:',
  status: {
    received: { name: 'received', explain: 'Your report has arrived and is being prepared for the analysts.' },
    being_assessed: { name: 'being assessed', explain: 'An analyst is assessing what you reported.' },
    assessed: { name: 'assessed', explain: 'Everything you reported has been assessed. Thank you for reporting.' },
  },
  notFound: 'No report matches this reference and code, or it is no longer kept.',
  rateLimited: 'Too many attempts in a short time. Please wait a minute and try again.',
  checkLink: 'Check the status of a report',
};

const nl: StatusStrings = {
  pickupTitle: 'Je ophaalcode',
  pickupBody: 'Met het kenmerk en deze code kun je later op de statuspagina zien hoe ver je melding is. Geen e-mail, geen account.',
  pickupOnce:
    'Schrijf hem nu op: hij wordt alleen deze ene keer getoond en wij bewaren alleen een onherkenbare vorm ervan. Hij vervalt wanneer de melding niet meer bewaard wordt.',
  title: 'Status van een melding',
  intro: 'Vul het kenmerk en de ophaalcode in die je kreeg toen je de melding verstuurde.',
  referenceLabel: 'Kenmerk',
  codeLabel: 'Ophaalcode',
  submit: 'Status tonen',
  heading: 'Status:',
  status: {
    received: { name: 'ontvangen', explain: 'Je melding is binnen en wordt voorbereid voor de analisten.' },
    being_assessed: { name: 'in behandeling', explain: 'Een analist beoordeelt wat je gemeld hebt.' },
    assessed: { name: 'beoordeeld', explain: 'Alles wat je meldde is beoordeeld. Bedankt voor je melding.' },
  },
  notFound: 'Er is geen melding met dit kenmerk en deze code, of ze wordt niet meer bewaard.',
  rateLimited: 'Te veel pogingen in korte tijd. Wacht een minuut en probeer het opnieuw.',
  checkLink: 'De status van een melding bekijken',
};

const fr: StatusStrings = {
  pickupTitle: 'Votre code de suivi',
  pickupBody: 'Avec la référence et ce code, vous pourrez voir plus tard où en est votre signalement, sur la page de suivi. Ni e-mail, ni compte.',
  pickupOnce:
    'Notez-le maintenant : il n’est affiché qu’une seule fois et nous n’en gardons qu’une forme brouillée. Il expire lorsque le signalement n’est plus conservé.',
  title: 'Suivi d’un signalement',
  intro: 'Saisissez la référence et le code de suivi reçus lors de l’envoi du signalement.',
  referenceLabel: 'Référence',
  codeLabel: 'Code de suivi',
  submit: 'Afficher le statut',
  heading: 'Statut :',
  status: {
    received: { name: 'reçu', explain: 'Votre signalement est arrivé et est en cours de préparation pour les analystes.' },
    being_assessed: { name: 'en cours d’examen', explain: 'Un analyste examine ce que vous avez signalé.' },
    assessed: { name: 'examiné', explain: 'Tout ce que vous avez signalé a été examiné. Merci pour votre signalement.' },
  },
  notFound: 'Aucun signalement ne correspond à cette référence et à ce code, ou il n’est plus conservé.',
  rateLimited: 'Trop de tentatives en peu de temps. Attendez une minute puis réessayez.',
  checkLink: 'Suivre un signalement',
};

const de: StatusStrings = {
  pickupTitle: 'Ihr Abholcode',
  pickupBody: 'Mit dem Aktenzeichen und diesem Code sehen Sie später auf der Statusseite, wie weit Ihre Meldung ist. Keine E-Mail, kein Konto.',
  pickupOnce:
    'Notieren Sie ihn jetzt: Er wird nur dieses eine Mal angezeigt, und wir speichern nur eine verschleierte Form davon. Er verfällt, wenn die Meldung nicht mehr aufbewahrt wird.',
  title: 'Status einer Meldung',
  intro: 'Geben Sie das Aktenzeichen und den Abholcode ein, die Sie beim Senden der Meldung erhalten haben.',
  referenceLabel: 'Aktenzeichen',
  codeLabel: 'Abholcode',
  submit: 'Status anzeigen',
  heading: 'Status:',
  status: {
    received: { name: 'eingegangen', explain: 'Ihre Meldung ist eingegangen und wird für die Analysten vorbereitet.' },
    being_assessed: { name: 'in Prüfung', explain: 'Eine Analystin oder ein Analyst prüft, was Sie gemeldet haben.' },
    assessed: { name: 'geprüft', explain: 'Alles, was Sie gemeldet haben, wurde geprüft. Danke für Ihre Meldung.' },
  },
  notFound: 'Keine Meldung passt zu diesem Aktenzeichen und Code, oder sie wird nicht mehr aufbewahrt.',
  rateLimited: 'Zu viele Versuche in kurzer Zeit. Bitte warten Sie eine Minute und versuchen Sie es erneut.',
  checkLink: 'Den Status einer Meldung ansehen',
};

export const STATUS_STRINGS: Record<Lang, StatusStrings> = { nl, en, fr, de };
