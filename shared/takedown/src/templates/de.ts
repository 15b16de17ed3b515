import type { NoticeTemplate } from './template';

export const de: NoticeTemplate = {
  language: 'de',
  languageName: 'Deutsch',
  translationBelow: 'Deutsche Fassung unten.',
  greeting: () => 'Sehr geehrte Damen und Herren,',
  intro: ({ hotline, country, count, level }) => {
    const where = count === 1 ? 'unter der unten genannten Adresse' : `unter den ${count} unten genannten Adressen`;
    const hosted =
      level === 'provider'
        ? 'Es wird in Ihrem Netz gehostet.'
        : level === 'upstream'
          ? 'Es wird im Netz Ihres Kunden gehostet.'
          : 'Es ist weiterhin online abrufbar.';
    return `${hotline} (${country}) ist eine Meldestelle, an die sich die Öffentlichkeit mit Hinweisen auf Darstellungen sexuellen Kindesmissbrauchs im Internet wendet. Eine Analystin oder ein Analyst unserer Meldestelle hat das Material ${where} geprüft. ${hosted}`;
  },
  illegal: (country) =>
    `Es handelt sich um Darstellungen sexuellen Kindesmissbrauchs (CSAM), strafbar nach dem Recht unseres Landes (${country}) und nahezu aller anderen Staaten (Lanzarote-Konvention des Europarats; in der Europäischen Union Richtlinie 2011/93/EU).`,
  escalation: ({ level, providerNotices, providerName }) => {
    const provider = `der Hosting-Provider${providerName ? ` (${providerName})` : ''}`;
    const notices = providerNotices === 1 ? 'einem Hinweis' : `${providerNotices} Hinweisen`;
    return level === 'upstream'
      ? `Sie erhalten diesen Hinweis als vorgelagerter Netzbetreiber (Upstream) des Hosting-Providers${providerName ? ` (${providerName})` : ''}, der das Material nach ${notices} nicht entfernt hat.`
      : `Wir leiten Ihnen dieses Material weiter, weil ${provider} es nach ${notices} nicht entfernt hat.`;
  },
  requestHeading: 'Wir bitten Sie,',
  requests: (level) =>
    level === 'police'
      ? [
          'die Maßnahmen zu ergreifen, die Ihr Auftrag erlaubt, etwa die Entfernung des Materials und die Sicherung der zugehörigen Daten anzuordnen;',
          'uns mitzuteilen, ob wir keine weiteren Hinweise an den Provider senden sollen, um Ermittlungen nicht zu stören.',
        ]
      : [
          level === 'upstream'
            ? 'Ihren Kunden aufzufordern, das Material unverzüglich, spätestens innerhalb von 24 Stunden, zu entfernen, oder den Zugang dazu selbst zu sperren;'
            : 'das Material unverzüglich, spätestens innerhalb von 24 Stunden, zu entfernen oder den Zugang dazu zu sperren;',
          'die zugehörigen Daten (Konto, Upload-Protokolle, IP-Adressen und Zeitstempel) für die Strafverfolgungsbehörden zu sichern, die sie auf dem vorgesehenen Rechtsweg anfordern können;',
          'die Person, die das Material hochgeladen hat, und den Kontoinhaber nicht zu informieren, damit Ermittlungen nicht gefährdet werden.',
        ],
  noNeedToOpen:
    'Zur Prüfung dieses Hinweises müssen Sie die Adressen nicht aufrufen: Jeder beigefügte X-ARF-v4-Bericht (xarf-1.json, …) identifiziert die Datei anhand ihrer Hashwerte. Bitte laden Sie das Material nicht herunter und leiten Sie es nicht weiter.',
  addressesHeading: (count) => `Adressen (${count}):`,
  labels: {
    host: 'Host',
    ip: 'IP-Adresse',
    unknown: 'unbekannt',
    classification: 'Einstufung',
    reported: 'Bei uns gemeldet',
    confirmed: 'Durch unsere Analyse bestätigt',
    xarf: 'X-ARF-Bericht',
  },
  noticeNumber: (n, since) => (n === 1 ? 'Hinweis Nr. 1 (erster Hinweis)' : `Hinweis Nr. ${n}: wiederholter Hinweis; Entfernung erbeten seit ${since}`),
  reply: ({ email, noticeId }) =>
    `So antworten Sie: Antworten Sie auf diese E-Mail oder schreiben Sie an ${email} unter Angabe der Hinweisnummer ${noticeId}. Bitte teilen Sie uns mit, wenn das Material entfernt wurde. Wir prüfen jede Adresse automatisch erneut und stellen die Hinweise ein, sobald das Material dort nicht mehr abrufbar ist; bis dahin wird der Hinweis wiederholt. Wenn Sie diesen Hinweis für unzutreffend halten, teilen Sie uns bitte den Grund mit.`,
  closing: 'Mit freundlichen Grüßen',
};
