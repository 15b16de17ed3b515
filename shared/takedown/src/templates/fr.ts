import type { NoticeTemplate } from './template';

export const fr: NoticeTemplate = {
  language: 'fr',
  languageName: 'Français',
  translationBelow: 'Version française ci-dessous.',
  greeting: () => 'Madame, Monsieur,',
  intro: ({ hotline, country, count, level }) => {
    const where = count === 1 ? 'à l’adresse ci-dessous' : `aux ${count} adresses ci-dessous`;
    const hosted =
      level === 'provider'
        ? 'Il est hébergé sur votre réseau.'
        : level === 'upstream'
          ? 'Il est hébergé sur le réseau de votre client.'
          : 'Il est toujours accessible en ligne.';
    return `${hotline} (${country}) est une ligne de signalement (hotline) à laquelle le public signale les contenus d’abus sexuels sur des enfants trouvés en ligne. Un analyste de notre service a examiné le contenu ${where}. ${hosted}`;
  },
  illegal: (country) =>
    `Il s’agit de contenus d’abus sexuels sur des enfants (CSAM), illégaux selon le droit de notre pays (${country}) et de presque tous les autres pays (Convention de Lanzarote du Conseil de l’Europe ; dans l’Union européenne, directive 2011/93/UE).`,
  escalation: ({ level, providerNotices, providerName }) => {
    const provider = `l’hébergeur${providerName ? ` (${providerName})` : ''}`;
    const notices = providerNotices === 1 ? 'une notification' : `${providerNotices} notifications`;
    return level === 'upstream'
      ? `Vous recevez cette notification en tant que réseau amont (upstream) de ${provider}, qui n’a pas retiré ce contenu après ${notices}.`
      : `Nous vous signalons ce contenu parce que ${provider} ne l’a pas retiré après ${notices}.`;
  },
  requestHeading: 'Nous vous demandons :',
  requests: (level) =>
    level === 'police'
      ? [
          'de prendre les mesures que votre mandat permet, par exemple ordonner le retrait du contenu et la conservation des données associées ;',
          'de nous indiquer si nous devons cesser d’envoyer des notifications à l’hébergeur, afin de ne pas nuire à une enquête.',
        ]
      : [
          level === 'upstream'
            ? 'de demander à votre client de retirer ce contenu promptement, au plus tard dans les 24 heures, ou d’en rendre vous-même l’accès impossible ;'
            : 'de retirer ce contenu, ou d’en rendre l’accès impossible, promptement et au plus tard dans les 24 heures ;',
          'de conserver les données associées (compte, journaux de mise en ligne, adresses IP et horodatages) à la disposition des autorités répressives, qui pourront les demander par les voies légales prévues ;',
          'de ne pas avertir la personne qui a mis le contenu en ligne ni le titulaire du compte, afin de ne pas compromettre une enquête.',
        ],
  noNeedToOpen:
    'Il n’est pas nécessaire d’ouvrir les adresses pour vérifier cette notification : chaque rapport X-ARF v4 joint (xarf-1.json, …) identifie le fichier par ses empreintes (hashes). Veuillez ne pas télécharger ni transférer ce contenu.',
  addressesHeading: (count) => `Adresses (${count}) :`,
  labels: {
    host: 'Hôte',
    ip: 'Adresse IP',
    unknown: 'inconnue',
    classification: 'Classification',
    reported: 'Signalé à notre service',
    confirmed: 'Confirmé par un analyste',
    xarf: 'Rapport X-ARF',
  },
  noticeNumber: (n, since) =>
    n === 1 ? 'Notification n° 1 (première notification)' : `Notification n° ${n} : notification répétée ; retrait demandé depuis le ${since}`,
  reply: ({ email, noticeId }) =>
    `Pour répondre : répondez à ce courriel, ou écrivez à ${email} en indiquant la référence ${noticeId}. Merci de nous informer lorsque le contenu aura été retiré. Nous vérifions automatiquement chaque adresse et cessons les notifications dès que le contenu n’y est plus servi ; d’ici là, la notification est répétée. Si vous pensez que cette notification est erronée, répondez-nous en indiquant pourquoi.`,
  closing: 'Cordialement,',
};
