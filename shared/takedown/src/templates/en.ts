import type { NoticeTemplate } from './template';

export const en: NoticeTemplate = {
  language: 'en',
  languageName: 'English',
  translationBelow: '',
  greeting: (level) => (level === 'police' ? 'Dear colleagues,' : 'Dear abuse team,'),
  intro: ({ hotline, country, count, level }) => {
    const where = count === 1 ? 'the address below' : `the ${count} addresses below`;
    const hosted =
      level === 'provider' ? 'It is hosted on your network.' : level === 'upstream' ? 'It is hosted on the network of your customer.' : 'It is still online.';
    return `${hotline} (${country}) is a hotline to which the public reports child sexual abuse material found online. An analyst of our hotline has assessed the material at ${where}. ${hosted}`;
  },
  illegal: (country) =>
    `It is child sexual abuse material (CSAM), illegal under the law of our country (${country}) and of nearly every other country (Council of Europe Lanzarote Convention; in the European Union, Directive 2011/93/EU).`,
  escalation: ({ level, providerNotices, providerName }) => {
    const provider = `the hosting provider${providerName ? ` (${providerName})` : ''}`;
    const notices = providerNotices === 1 ? 'one notice' : `${providerNotices} notices`;
    return level === 'upstream'
      ? `You receive this notice as the upstream network of ${provider}, which has not removed the material after ${notices}.`
      : `We refer this material to you because ${provider} has not removed it after ${notices}.`;
  },
  requestHeading: 'We ask you to:',
  requests: (level) =>
    level === 'police'
      ? [
          'take the steps your mandate allows, such as ordering the removal of the material and the preservation of the related data;',
          'tell us if we should stop sending notices to the provider, so as not to interfere with an investigation.',
        ]
      : [
          level === 'upstream'
            ? 'ask your customer to remove the material, or disable access to it yourself, expeditiously and within 24 hours at the latest;'
            : 'remove the material, or disable access to it, expeditiously and within 24 hours at the latest;',
          'preserve the related data (account, upload records, IP addresses and timestamps) for law enforcement, which may request it through the proper legal channels;',
          'not alert the uploader or the account holder, so that an investigation is not compromised.',
        ],
  noNeedToOpen:
    'There is no need to open the addresses to check this notice: each attached X-ARF v4 report (xarf-1.json, …) identifies the file by its hashes. Please do not download or forward the material.',
  addressesHeading: (count) => `Addresses (${count}):`,
  labels: {
    host: 'Host',
    ip: 'IP address',
    unknown: 'unknown',
    classification: 'Classification',
    reported: 'Reported to us',
    confirmed: 'Confirmed by an analyst',
    xarf: 'X-ARF report',
  },
  noticeNumber: (n, since) => (n === 1 ? 'Notice no. 1 (first notice)' : `Notice no. ${n}: repeat notice; removal requested since ${since}`),
  reply: ({ email, noticeId }) =>
    `How to reply: answer this e-mail, or write to ${email} quoting notice ${noticeId}. Please tell us when the material has been removed. We check every address again automatically and stop the notices once the material is no longer served there; until then the notice is repeated. If you believe this notice is mistaken, reply and tell us why.`,
  closing: 'Kind regards,',
};
