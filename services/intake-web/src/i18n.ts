export type Lang = 'nl' | 'en' | 'fr' | 'de';
export const LANGS: readonly Lang[] = ['nl', 'en', 'fr', 'de'];

/** What is wrong with one field of a report; `line` counts the form's lines or the API's URLs from 1. */
export type ProblemCode = 'url_invalid' | 'url_not_web' | 'url_too_long' | 'too_many_urls' | 'urls_required' | 'too_long' | 'unknown_field' | 'wrong_type';

export interface Strings {
  languageName: string;
  otherLanguages: string;
  title: string;
  /** Stands in for HOTLINE_NAME when it is not set. */
  thisHotline: string;
  intro: string;
  warning: string;
  operator: (name: string) => string;
  privacy: string;
  privacyLink: string;
  nextTitle: string;
  next: (name: string) => string;
  urlsLabel: string;
  descriptionLabel: string;
  imagesLabel: (formats: string) => string;
  submit: string;
  thanksTitle: string;
  thanksBody: string;
  errorTitle: string;
  another: string;
  privacyTitle: string;
  privacyPage: (name: string | undefined) => string[];
  back: string;
  errors: {
    /** Prefix of an invalid report's message, before its problems. */
    invalidReport: string;
    where: (line: number, form: boolean) => string;
    problems: Record<ProblemCode, (p: { field: string; max?: number; uploads?: boolean }) => string>;
    invalidJson: string;
    tooLarge: string;
    uploadTooLarge: string;
    uploadRefused: string;
    unsupportedImage: (file: number, format: string | undefined, formats: string) => string;
    unsupportedBody: string;
    uploadsDisabled: string;
    malformedBody: string;
    crossSite: string;
    busy: string;
    bodyTimeout: string;
    rateLimited: string;
    notFound: string;
    internal: string;
  };
}

const en: Strings = {
  languageName: 'English',
  otherLanguages: 'Other languages',
  title: 'Report child sexual abuse material',
  thisHotline: 'this hotline',
  intro: 'Found images or videos of child sexual abuse online? Report the web addresses here. You do not need to give your name.',
  warning: 'Do not download, screenshot or forward the material — not even to us. In most countries that is a crime in itself. The web address is all we need.',
  operator: (name) => `This form is run by ${name}.`,
  privacy:
    'Your report is anonymous: we do not store your IP address, your browser details or any cookie. Please do not write your name or contact details in the description.',
  privacyLink: 'Privacy statement',
  nextTitle: 'What happens next',
  next: (name) =>
    `An analyst of ${name} looks at every address you report. If the material is illegal, the hosting company is asked to remove it and, where needed, the police are informed. Because your report is anonymous we cannot tell you the outcome.`,
  urlsLabel: 'Web addresses (one per line, up to 50)',
  descriptionLabel: 'What did you see? (optional, up to 2000 characters)',
  imagesLabel: (formats) => `Images (optional; only if the law where you live allows you to send them; ${formats})`,
  submit: 'Send report',
  thanksTitle: 'Thank you for your report',
  thanksBody: 'Your report was received. Its reference is:',
  errorTitle: 'Your report was not sent',
  another: 'Send another report',
  privacyTitle: 'Privacy statement',
  privacyPage: (name) => [
    `${name ? `This report form is run by ${name}. ` : ''}This page describes what the report software keeps.`,
    'About you: nothing. Your IP address, your browser details (user agent) and cookies are not stored or written to any log. The form sets no cookies and loads nothing from other websites.',
    'To stop floods of reports, the service counts reports per network address for one minute, in memory only and in a scrambled form (a keyed hash whose key is replaced every minute). Nothing of it is written down.',
    'About your report: the web addresses you gave, your description (if any), the language of the form and the time it arrived. The pictures found at those addresses are stored encrypted, with their fingerprints (hashes), for the analysts who handle the report.',
    'Please do not write your name or contact details in the description: we cannot reply to an anonymous report.',
  ],
  back: 'Back to the report form',
  errors: {
    invalidReport: 'The report was not sent:',
    where: (n, form) => (form ? `Line ${n}: ` : `URL ${n}: `),
    problems: {
      url_invalid: () => 'this is not a web address (like https://www.example.org/page).',
      url_not_web: () => 'only web addresses starting with http:// or https:// can be reported.',
      url_too_long: (p) => `a web address may be at most ${p.max} characters.`,
      too_many_urls: (p) => `give at most ${p.max} web addresses per report.`,
      urls_required: (p) => (p.uploads ? 'give at least one web address or image.' : 'give at least one web address.'),
      too_long: (p) => `the ${p.field} may be at most ${p.max} characters.`,
      unknown_field: (p) => `“${p.field}” is not a field of a report.`,
      wrong_type: (p) => `“${p.field}” is not in the expected form.`,
    },
    invalidJson: 'The request body is not valid JSON.',
    tooLarge: 'The report is too large.',
    uploadTooLarge: 'An image is larger than allowed.',
    uploadRefused: 'Too many files or fields were sent.',
    unsupportedImage: (file, format, formats) =>
      `File ${file} is ${format ? `a ${format} file, which we cannot take` : 'not an image we can take'}. We accept ${formats}.`,
    unsupportedBody: 'Send the report as JSON, URL-encoded form data or multipart form data.',
    uploadsDisabled: 'This hotline does not accept images. Do not send or upload the material; report its web address only.',
    malformedBody: 'The form data could not be read (it was cut off or malformed). Please send it again.',
    crossSite: 'This report was sent from another website and was refused. Please use the form on our own site.',
    busy: 'Too many images are being sent right now. Please try again in a moment.',
    bodyTimeout: 'The report took too long to arrive and was not saved. Please send it again.',
    rateLimited: 'Too many reports in a short time. Please wait a minute and try again.',
    notFound: 'There is nothing at this address.',
    internal: 'Something went wrong on our side; your report was not saved. Please try again later.',
  },
};

const nl: Strings = {
  languageName: 'Nederlands',
  otherLanguages: 'Andere talen',
  title: 'Meld seksueel kindermisbruikmateriaal',
  thisHotline: 'dit meldpunt',
  intro: 'Heb je online afbeeldingen of video’s van seksueel kindermisbruik gezien? Meld de webadressen hier. Je hoeft je naam niet te geven.',
  warning:
    'Download het materiaal niet, maak er geen schermafbeelding van en stuur het niet door — ook niet naar ons. In de meeste landen is dat zelf strafbaar. Het webadres is alles wat we nodig hebben.',
  operator: (name) => `Dit formulier wordt beheerd door ${name}.`,
  privacy: 'Je melding is anoniem: we bewaren je IP-adres, je browsergegevens en cookies niet. Zet je naam of contactgegevens niet in de omschrijving.',
  privacyLink: 'Privacyverklaring',
  nextTitle: 'Wat er nu gebeurt',
  next: (name) =>
    `Een analist van ${name} bekijkt elk adres dat je meldt. Is het materiaal illegaal, dan vragen we het hostingbedrijf het te verwijderen en lichten we waar nodig de politie in. Omdat je melding anoniem is, kunnen we je de uitkomst niet laten weten.`,
  urlsLabel: 'Webadressen (één per regel, maximaal 50)',
  descriptionLabel: 'Wat heb je gezien? (optioneel, maximaal 2000 tekens)',
  imagesLabel: (formats) => `Afbeeldingen (optioneel; alleen als de wet waar je woont toestaat dat je ze stuurt; ${formats})`,
  submit: 'Melding versturen',
  thanksTitle: 'Bedankt voor je melding',
  thanksBody: 'Je melding is ontvangen. Het kenmerk is:',
  errorTitle: 'Je melding is niet verstuurd',
  another: 'Nog een melding doen',
  privacyTitle: 'Privacyverklaring',
  privacyPage: (name) => [
    `${name ? `Dit meldformulier wordt beheerd door ${name}. ` : ''}Deze pagina beschrijft wat de meldsoftware bewaart.`,
    'Over jou: niets. Je IP-adres, je browsergegevens (user agent) en cookies worden niet bewaard en in geen enkel logbestand geschreven. Het formulier zet geen cookies en laadt niets van andere websites.',
    'Om een stortvloed aan meldingen te voorkomen telt de dienst meldingen per netwerkadres gedurende één minuut, alleen in het geheugen en in onherkenbare vorm (een hash met een sleutel die elke minuut wordt vervangen). Daarvan wordt niets opgeslagen.',
    'Over je melding: de webadressen die je gaf, je omschrijving (als je die gaf), de taal van het formulier en het tijdstip van ontvangst. De afbeeldingen op die adressen worden versleuteld bewaard, met hun vingerafdrukken (hashes), voor de analisten die de melding behandelen.',
    'Zet je naam of contactgegevens niet in de omschrijving: op een anonieme melding kunnen we niet reageren.',
  ],
  back: 'Terug naar het meldformulier',
  errors: {
    invalidReport: 'De melding is niet verstuurd:',
    where: (n, form) => (form ? `Regel ${n}: ` : `URL ${n}: `),
    problems: {
      url_invalid: () => 'dit is geen webadres (zoals https://www.example.org/pagina).',
      url_not_web: () => 'alleen webadressen die met http:// of https:// beginnen kun je melden.',
      url_too_long: (p) => `een webadres mag hoogstens ${p.max} tekens lang zijn.`,
      too_many_urls: (p) => `geef maximaal ${p.max} webadressen per melding.`,
      urls_required: (p) => (p.uploads ? 'geef ten minste één webadres of afbeelding.' : 'geef ten minste één webadres.'),
      too_long: (p) => `de ${p.field === 'description' ? 'omschrijving' : p.field} mag hoogstens ${p.max} tekens lang zijn.`,
      unknown_field: (p) => `“${p.field}” is geen veld van een melding.`,
      wrong_type: (p) => `“${p.field}” heeft niet de verwachte vorm.`,
    },
    invalidJson: 'De inhoud van het verzoek is geen geldige JSON.',
    tooLarge: 'De melding is te groot.',
    uploadTooLarge: 'Een afbeelding is groter dan toegestaan.',
    uploadRefused: 'Er zijn te veel bestanden of velden verstuurd.',
    unsupportedImage: (file, format, formats) =>
      `Bestand ${file} is ${format ? `een ${format}-bestand, dat we niet kunnen verwerken` : 'geen afbeelding die we kunnen verwerken'}. We accepteren ${formats}.`,
    unsupportedBody: 'Stuur de melding als JSON, als URL-gecodeerde formuliergegevens of als multipart-formuliergegevens.',
    uploadsDisabled: 'Dit meldpunt neemt geen afbeeldingen aan. Stuur het materiaal niet en upload het niet; meld alleen het webadres.',
    malformedBody: 'De formuliergegevens konden niet worden gelezen (ze waren afgebroken of beschadigd). Verstuur ze opnieuw.',
    crossSite: 'Deze melding kwam van een andere website en is geweigerd. Gebruik het formulier op onze eigen site.',
    busy: 'Er worden nu te veel afbeeldingen tegelijk verstuurd. Probeer het zo opnieuw.',
    bodyTimeout: 'Het versturen van de melding duurde te lang; ze is niet opgeslagen. Verstuur haar opnieuw.',
    rateLimited: 'Te veel meldingen in korte tijd. Wacht een minuut en probeer het opnieuw.',
    notFound: 'Op dit adres staat niets.',
    internal: 'Er ging bij ons iets mis; je melding is niet opgeslagen. Probeer het later opnieuw.',
  },
};

const fr: Strings = {
  languageName: 'Français',
  otherLanguages: 'Autres langues',
  title: 'Signaler des contenus d’abus sexuels sur enfants',
  thisHotline: 'ce service de signalement',
  intro: 'Vous avez vu en ligne des images ou des vidéos d’abus sexuels sur des enfants ? Signalez ici les adresses web. Vous n’avez pas à donner votre nom.',
  warning:
    'Ne téléchargez pas le contenu, n’en faites pas de capture d’écran et ne le transférez pas — pas même à nous. Dans la plupart des pays, c’est en soi une infraction. L’adresse web suffit.',
  operator: (name) => `Ce formulaire est géré par ${name}.`,
  privacy:
    'Votre signalement est anonyme : nous ne conservons ni votre adresse IP, ni les informations de votre navigateur, ni aucun cookie. N’indiquez pas votre nom ni vos coordonnées dans la description.',
  privacyLink: 'Déclaration de confidentialité',
  nextTitle: 'Et ensuite ?',
  next: (name) =>
    `Un analyste de ${name} examine chaque adresse signalée. Si le contenu est illégal, l’hébergeur est prié de le retirer et, si nécessaire, la police est informée. Votre signalement étant anonyme, nous ne pouvons pas vous communiquer le résultat.`,
  urlsLabel: 'Adresses web (une par ligne, 50 au maximum)',
  descriptionLabel: 'Qu’avez-vous vu ? (facultatif, 2000 caractères au maximum)',
  imagesLabel: (formats) => `Images (facultatif ; seulement si la loi de votre pays vous permet de les envoyer ; ${formats})`,
  submit: 'Envoyer le signalement',
  thanksTitle: 'Merci pour votre signalement',
  thanksBody: 'Votre signalement a bien été reçu. Sa référence est :',
  errorTitle: 'Votre signalement n’a pas été envoyé',
  another: 'Faire un autre signalement',
  privacyTitle: 'Déclaration de confidentialité',
  privacyPage: (name) => [
    `${name ? `Ce formulaire de signalement est géré par ${name}. ` : ''}Cette page décrit ce que le logiciel de signalement conserve.`,
    'À votre sujet : rien. Votre adresse IP, les informations de votre navigateur (user agent) et les cookies ne sont ni conservés ni écrits dans un journal. Le formulaire ne dépose aucun cookie et ne charge rien depuis d’autres sites.',
    'Pour empêcher les envois massifs, le service compte les signalements par adresse réseau pendant une minute, en mémoire seulement et sous une forme brouillée (un hachage dont la clé est remplacée chaque minute). Rien n’en est enregistré.',
    'À propos de votre signalement : les adresses web indiquées, votre description (le cas échéant), la langue du formulaire et l’heure de réception. Les images trouvées à ces adresses sont conservées chiffrées, avec leurs empreintes (hachages), pour les analystes qui traitent le signalement.',
    'N’indiquez pas votre nom ni vos coordonnées dans la description : nous ne pouvons pas répondre à un signalement anonyme.',
  ],
  back: 'Retour au formulaire de signalement',
  errors: {
    invalidReport: 'Le signalement n’a pas été envoyé :',
    where: (n, form) => (form ? `Ligne ${n} : ` : `URL ${n} : `),
    problems: {
      url_invalid: () => 'ce n’est pas une adresse web (par exemple https://www.example.org/page).',
      url_not_web: () => 'seules les adresses web commençant par http:// ou https:// peuvent être signalées.',
      url_too_long: (p) => `une adresse web ne peut pas dépasser ${p.max} caractères.`,
      too_many_urls: (p) => `indiquez au plus ${p.max} adresses web par signalement.`,
      urls_required: (p) => (p.uploads ? 'indiquez au moins une adresse web ou une image.' : 'indiquez au moins une adresse web.'),
      too_long: (p) => `la ${p.field === 'description' ? 'description' : p.field} ne peut pas dépasser ${p.max} caractères.`,
      unknown_field: (p) => `« ${p.field} » n’est pas un champ d’un signalement.`,
      wrong_type: (p) => `« ${p.field} » n’a pas la forme attendue.`,
    },
    invalidJson: 'Le corps de la requête n’est pas du JSON valide.',
    tooLarge: 'Le signalement est trop volumineux.',
    uploadTooLarge: 'Une image dépasse la taille autorisée.',
    uploadRefused: 'Trop de fichiers ou de champs ont été envoyés.',
    unsupportedImage: (file, format, formats) =>
      `Le fichier ${file} ${format ? `est un fichier ${format}, que nous ne pouvons pas traiter` : 'n’est pas une image que nous pouvons traiter'}. Nous acceptons ${formats}.`,
    unsupportedBody: 'Envoyez le signalement en JSON, en données de formulaire encodées (URL-encoded) ou en multipart.',
    uploadsDisabled: 'Ce service n’accepte pas d’images. N’envoyez pas le contenu ; signalez uniquement son adresse web.',
    malformedBody: 'Les données du formulaire n’ont pas pu être lues (elles étaient tronquées ou mal formées). Veuillez les renvoyer.',
    crossSite: 'Ce signalement a été envoyé depuis un autre site et a été refusé. Veuillez utiliser le formulaire de notre propre site.',
    busy: 'Trop d’images sont envoyées en ce moment. Veuillez réessayer dans un instant.',
    bodyTimeout: 'L’envoi du signalement a pris trop de temps ; il n’a pas été enregistré. Veuillez le renvoyer.',
    rateLimited: 'Trop de signalements en peu de temps. Attendez une minute puis réessayez.',
    notFound: 'Il n’y a rien à cette adresse.',
    internal: 'Une erreur s’est produite de notre côté ; votre signalement n’a pas été enregistré. Veuillez réessayer plus tard.',
  },
};

const de: Strings = {
  languageName: 'Deutsch',
  otherLanguages: 'Andere Sprachen',
  title: 'Darstellungen sexuellen Kindesmissbrauchs melden',
  thisHotline: 'dieser Meldestelle',
  intro: 'Sie haben online Bilder oder Videos von sexuellem Kindesmissbrauch gesehen? Melden Sie hier die Webadressen. Sie müssen Ihren Namen nicht angeben.',
  warning:
    'Laden Sie das Material nicht herunter, machen Sie keinen Screenshot davon und leiten Sie es nicht weiter — auch nicht an uns. In den meisten Ländern ist das selbst strafbar. Die Webadresse genügt.',
  operator: (name) => `Dieses Formular wird von ${name} betrieben.`,
  privacy:
    'Ihre Meldung ist anonym: Wir speichern weder Ihre IP-Adresse noch Angaben zu Ihrem Browser noch Cookies. Bitte schreiben Sie Ihren Namen oder Ihre Kontaktdaten nicht in die Beschreibung.',
  privacyLink: 'Datenschutzerklärung',
  nextTitle: 'Wie es weitergeht',
  next: (name) =>
    `Eine Analystin oder ein Analyst von ${name} prüft jede gemeldete Adresse. Ist das Material illegal, wird der Hoster aufgefordert, es zu entfernen, und wo nötig die Polizei informiert. Da Ihre Meldung anonym ist, können wir Ihnen das Ergebnis nicht mitteilen.`,
  urlsLabel: 'Webadressen (eine pro Zeile, höchstens 50)',
  descriptionLabel: 'Was haben Sie gesehen? (freiwillig, höchstens 2000 Zeichen)',
  imagesLabel: (formats) => `Bilder (freiwillig; nur wenn das Recht Ihres Landes das Senden erlaubt; ${formats})`,
  submit: 'Meldung senden',
  thanksTitle: 'Danke für Ihre Meldung',
  thanksBody: 'Ihre Meldung ist eingegangen. Ihr Aktenzeichen lautet:',
  errorTitle: 'Ihre Meldung wurde nicht gesendet',
  another: 'Weitere Meldung senden',
  privacyTitle: 'Datenschutzerklärung',
  privacyPage: (name) => [
    `${name ? `Dieses Meldeformular wird von ${name} betrieben. ` : ''}Diese Seite beschreibt, was die Meldesoftware speichert.`,
    'Über Sie: nichts. Ihre IP-Adresse, Angaben zu Ihrem Browser (User-Agent) und Cookies werden weder gespeichert noch in ein Protokoll geschrieben. Das Formular setzt keine Cookies und lädt nichts von anderen Websites.',
    'Gegen Meldungsfluten zählt der Dienst Meldungen je Netzwerkadresse für eine Minute, nur im Arbeitsspeicher und in verschleierter Form (ein Hash mit einem Schlüssel, der jede Minute ersetzt wird). Davon wird nichts gespeichert.',
    'Über Ihre Meldung: die angegebenen Webadressen, Ihre Beschreibung (falls vorhanden), die Sprache des Formulars und die Eingangszeit. Die unter diesen Adressen gefundenen Bilder werden verschlüsselt gespeichert, mit ihren Fingerabdrücken (Hashes), für die Analysten, die die Meldung bearbeiten.',
    'Bitte schreiben Sie Ihren Namen oder Ihre Kontaktdaten nicht in die Beschreibung: Auf eine anonyme Meldung können wir nicht antworten.',
  ],
  back: 'Zurück zum Meldeformular',
  errors: {
    invalidReport: 'Die Meldung wurde nicht gesendet:',
    where: (n, form) => (form ? `Zeile ${n}: ` : `URL ${n}: `),
    problems: {
      url_invalid: () => 'das ist keine Webadresse (etwa https://www.example.org/seite).',
      url_not_web: () => 'nur Webadressen, die mit http:// oder https:// beginnen, können gemeldet werden.',
      url_too_long: (p) => `eine Webadresse darf höchstens ${p.max} Zeichen lang sein.`,
      too_many_urls: (p) => `geben Sie höchstens ${p.max} Webadressen pro Meldung an.`,
      urls_required: (p) => (p.uploads ? 'geben Sie mindestens eine Webadresse oder ein Bild an.' : 'geben Sie mindestens eine Webadresse an.'),
      too_long: (p) => `die ${p.field === 'description' ? 'Beschreibung' : p.field} darf höchstens ${p.max} Zeichen lang sein.`,
      unknown_field: (p) => `„${p.field}“ ist kein Feld einer Meldung.`,
      wrong_type: (p) => `„${p.field}“ hat nicht die erwartete Form.`,
    },
    invalidJson: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
    tooLarge: 'Die Meldung ist zu groß.',
    uploadTooLarge: 'Ein Bild ist größer als erlaubt.',
    uploadRefused: 'Es wurden zu viele Dateien oder Felder gesendet.',
    unsupportedImage: (file, format, formats) =>
      `Datei ${file} ${format ? `ist eine ${format}-Datei, die wir nicht verarbeiten können` : 'ist kein Bild, das wir verarbeiten können'}. Wir akzeptieren ${formats}.`,
    unsupportedBody: 'Senden Sie die Meldung als JSON, als URL-kodierte oder als Multipart-Formulardaten.',
    uploadsDisabled: 'Diese Meldestelle nimmt keine Bilder an. Senden oder laden Sie das Material nicht hoch; melden Sie nur die Webadresse.',
    malformedBody: 'Die Formulardaten konnten nicht gelesen werden (sie waren abgeschnitten oder fehlerhaft). Bitte senden Sie sie erneut.',
    crossSite: 'Diese Meldung kam von einer anderen Website und wurde abgelehnt. Bitte benutzen Sie das Formular auf unserer eigenen Website.',
    busy: 'Gerade werden zu viele Bilder gesendet. Bitte versuchen Sie es gleich noch einmal.',
    bodyTimeout: 'Das Senden der Meldung hat zu lange gedauert; sie wurde nicht gespeichert. Bitte senden Sie sie erneut.',
    rateLimited: 'Zu viele Meldungen in kurzer Zeit. Bitte warten Sie eine Minute und versuchen Sie es erneut.',
    notFound: 'Unter dieser Adresse gibt es nichts.',
    internal: 'Bei uns ist etwas schiefgegangen; Ihre Meldung wurde nicht gespeichert. Bitte versuchen Sie es später erneut.',
  },
};

export const STRINGS: Record<Lang, Strings> = { nl, en, fr, de };

function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}

/**
 * `?lang=` wins; otherwise the first supported language the browser prefers (read for this response
 * only, never stored); otherwise the fallback — Dutch for the form, English for the API.
 */
export function pickLanguage(query: unknown, acceptLanguage: string | undefined, fallback: Lang = 'nl'): Lang {
  if (isLang(query)) return query;
  const prefs = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { lang: tag.slice(0, 2).toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((p) => p.q > 0 && isLang(p.lang))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (prefs[0]?.lang as Lang | undefined) ?? fallback;
}
