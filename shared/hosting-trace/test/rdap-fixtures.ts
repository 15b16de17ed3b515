import type { Queryable } from '@hotline/platform';
import { createProvider, setCdnRule } from '../src';

/** An RDAP ip network (RFC 9083) whose abuse contact sits in an entity nested in the registrant. */
export function rdapNetwork(withAbuse: boolean): Record<string, unknown> {
  const abuse = {
    objectClassName: 'entity',
    handle: 'ABUSE-1',
    roles: ['abuse'],
    vcardArray: [
      'vcard',
      [
        ['version', {}, 'text', '4.0'],
        ['fn', {}, 'text', 'Abuse desk'],
        ['email', {}, 'text', 'abuse@hoster.test'],
      ],
    ],
  };
  return {
    objectClassName: 'ip network',
    handle: 'NET-127-0-0-0-1',
    startAddress: '127.0.0.0',
    endAddress: '127.255.255.255',
    ipVersion: 'v4',
    name: 'LOOPBACK-NET',
    country: 'nl',
    cidr0_cidrs: [{ v4prefix: '127.0.0.0', length: 8 }],
    entities: [
      {
        objectClassName: 'entity',
        handle: 'ORG-1',
        roles: ['registrant'],
        vcardArray: ['vcard', [['email', {}, 'text', 'owner@hoster.test']]],
        entities: withAbuse ? [abuse] : [],
      },
    ],
  };
}

export async function createCdnRuleFixture(db: Queryable, rule: { host: string; origin: string }) {
  const provider = await createProvider(db, { name: 'Origin Hosting', abuseEmail: 'abuse@origin.test' }, 'analyst');
  const cdn = await setCdnRule(db, { ...rule, providerId: provider.id }, 'analyst');
  return { provider, cdn };
}
