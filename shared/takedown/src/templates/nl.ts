import type { NoticeTemplate } from './template';

export const nl: NoticeTemplate = {
  language: 'nl',
  languageName: 'Nederlands',
  translationBelow: 'Nederlandse versie hieronder.',
  greeting: (level) => (level === 'police' ? 'Geachte collega’s,' : 'Geacht abuse-team,'),
  intro: ({ hotline, country, count, level }) => {
    const where = count === 1 ? 'op het onderstaande adres' : `op de ${count} onderstaande adressen`;
    const hosted =
      level === 'provider'
        ? 'Het wordt gehost op uw netwerk.'
        : level === 'upstream'
          ? 'Het wordt gehost op het netwerk van uw klant.'
          : 'Het staat nog steeds online.';
    return `${hotline} (${country}) is een meldpunt waar het publiek online materiaal van seksueel misbruik van kinderen meldt. Een analist van ons meldpunt heeft het materiaal ${where} beoordeeld. ${hosted}`;
  },
  illegal: (country) =>
    `Het gaat om materiaal van seksueel misbruik van kinderen (CSAM), strafbaar naar het recht van ons land (${country}) en van vrijwel elk ander land (Lanzarote-verdrag van de Raad van Europa; in de Europese Unie Richtlijn 2011/93/EU).`,
  escalation: ({ level, providerNotices, providerName }) => {
    const provider = `de hostingprovider${providerName ? ` (${providerName})` : ''}`;
    const notices = providerNotices === 1 ? 'één melding' : `${providerNotices} meldingen`;
    return level === 'upstream'
      ? `U ontvangt deze melding als upstream-netwerk van ${provider}, die het materiaal na ${notices} niet heeft verwijderd.`
      : `Wij melden dit materiaal aan u omdat ${provider} het na ${notices} niet heeft verwijderd.`;
  },
  requestHeading: 'Wij verzoeken u:',
  requests: (level) =>
    level === 'police'
      ? [
          'de stappen te nemen die uw bevoegdheden toelaten, zoals het bevelen van de verwijdering van het materiaal en het veiligstellen van de bijbehorende gegevens;',
          'ons te laten weten of wij moeten stoppen met meldingen aan de provider, om een onderzoek niet te verstoren.',
        ]
      : [
          level === 'upstream'
            ? 'uw klant te vragen het materiaal onverwijld, uiterlijk binnen 24 uur, te verwijderen, of zelf de toegang ertoe onmogelijk te maken;'
            : 'het materiaal onverwijld, uiterlijk binnen 24 uur, te verwijderen of de toegang ertoe onmogelijk te maken;',
          'de bijbehorende gegevens (account, uploadgegevens, IP-adressen en tijdstippen) te bewaren voor politie en justitie, die deze langs de geëigende juridische weg kunnen opvragen;',
          'de uploader en de accounthouder niet te waarschuwen, zodat een onderzoek niet wordt geschaad.',
        ],
  noNeedToOpen:
    'U hoeft de adressen niet te openen om deze melding te controleren: elk bijgevoegd X-ARF v4-rapport (xarf-1.json, …) identificeert het bestand aan de hand van zijn hashwaarden. Download het materiaal niet en stuur het niet door.',
  addressesHeading: (count) => `Adressen (${count}):`,
  labels: {
    host: 'Host',
    ip: 'IP-adres',
    unknown: 'onbekend',
    classification: 'Classificatie',
    reported: 'Bij ons gemeld',
    confirmed: 'Bevestigd door een analist',
    xarf: 'X-ARF-rapport',
  },
  noticeNumber: (n, since) => (n === 1 ? 'Melding nr. 1 (eerste melding)' : `Melding nr. ${n}: herhaalde melding; verwijdering gevraagd sinds ${since}`),
  reply: ({ email, noticeId }) =>
    `Zo reageert u: beantwoord deze e-mail, of schrijf naar ${email} onder vermelding van melding ${noticeId}. Laat ons weten wanneer het materiaal is verwijderd. Wij controleren elk adres automatisch opnieuw en stoppen met de meldingen zodra het materiaal daar niet meer wordt aangeboden; tot die tijd wordt de melding herhaald. Denkt u dat deze melding onjuist is, laat ons dan weten waarom.`,
  closing: 'Met vriendelijke groet,',
};
