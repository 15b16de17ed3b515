export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

const en = {
  title: 'Report child sexual abuse material',
  intro:
    'Found images or videos of child sexual abuse online? Report the web addresses here. You do not need to give your name, and you should not download or forward the material yourself.',
  privacy:
    'Your report is anonymous: we do not store your IP address, your browser details or any cookie. Please do not write your name or contact details in the description.',
  urlsLabel: 'Web addresses (one per line, up to 50)',
  descriptionLabel: 'What did you see? (optional, up to 2000 characters)',
  imagesLabel: 'Screenshots or images (optional)',
  submit: 'Send report',
  thanksTitle: 'Thank you for your report',
  thanksBody: 'Our analysts will look at it. The reference of your report is:',
  thanksNoFollowUp: 'Because your report is anonymous we cannot tell you the outcome. You can close this page.',
  errorTitle: 'Your report was not sent',
  another: 'Send another report',
  language: 'Nederlands',
};

const nl: typeof en = {
  title: 'Meld seksueel kindermisbruikmateriaal',
  intro:
    'Heb je online afbeeldingen of video’s van seksueel kindermisbruik gezien? Meld de webadressen hier. Je hoeft je naam niet te geven. Download of deel het materiaal niet zelf.',
  privacy:
    'Je melding is anoniem: we bewaren je IP-adres, je browsergegevens en cookies niet. Zet je naam of contactgegevens niet in de omschrijving.',
  urlsLabel: 'Webadressen (één per regel, maximaal 50)',
  descriptionLabel: 'Wat heb je gezien? (optioneel, maximaal 2000 tekens)',
  imagesLabel: 'Schermafbeeldingen of afbeeldingen (optioneel)',
  submit: 'Melding versturen',
  thanksTitle: 'Bedankt voor je melding',
  thanksBody: 'Onze analisten gaan ermee aan de slag. Het kenmerk van je melding is:',
  thanksNoFollowUp: 'Omdat je melding anoniem is, kunnen we je de uitkomst niet laten weten. Je kunt deze pagina sluiten.',
  errorTitle: 'Je melding is niet verstuurd',
  another: 'Nog een melding doen',
  language: 'English',
};

export type Strings = typeof en;
export const STRINGS: Record<Lang, Strings> = { en, nl };

/** `?lang=` wins; otherwise the browser's preference, read for this response only and never stored. */
export function pickLanguage(query: unknown, acceptLanguage: string | undefined): Lang {
  if (query === 'nl' || query === 'en') return query;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'nl' || tag === 'en') return tag;
  }
  return 'nl';
}
