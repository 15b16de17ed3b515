import { routeCase, type RoutingDecision, type RoutingRules, type TraceForRouting } from '../src';

const rules: RoutingRules = {
  homeCountry: 'NL',
  domesticNotice: 'after_clearance',
  domesticHoldHours: 24,
  inhopeNotice: 'now',
  inhopeHoldHours: 12,
  police: { name: 'Police unit', email: 'unit@police.invalid' },
  interpol: null,
  members: [
    { country: 'DE', hotline: 'eco' },
    { country: 'DE', hotline: 'jugendschutz.net', referralUrl: 'https://referrals.member.invalid/api' },
    { country: 'FR', hotline: 'Point de Contact', referralEmail: 'referrals@member.invalid' },
    { country: 'BE', hotline: 'Child Focus' },
    { country: 'NL', hotline: 'Offlimits' },
  ],
};

const at = (country: string | null, error: string | null = null): TraceForRouting => ({ country, error });

type Case = [string, TraceForRouting, Partial<RoutingRules>, RoutingDecision];

const cases: Case[] = [
  [
    'domestic: police referral, notice after clearance',
    at('NL'),
    {},
    {
      route: 'domestic',
      referrals: [{ kind: 'police', name: 'Police unit', channel: 'email', address: 'unit@police.invalid', reason: 'domestic', note: null }],
      notice: { when: 'after_clearance' },
    },
  ],
  [
    'domestic with a hold, police by HTTP (lower-case country from the trace)',
    at('nl'),
    { domesticNotice: 'after_hold', domesticHoldHours: 48, police: { name: 'Police unit', email: 'unit@police.invalid', url: 'https://police.invalid/in' } },
    {
      route: 'domestic',
      referrals: [{ kind: 'police', name: 'Police unit', channel: 'http', address: 'https://police.invalid/in', reason: 'domestic', note: null }],
      notice: { when: 'after_hold', holdHours: 48 },
    },
  ],
  [
    'domestic without a police contact: referral by hand',
    at('NL'),
    { police: null },
    {
      route: 'domestic',
      referrals: [
        { kind: 'police', name: 'police', channel: 'none', address: null, reason: 'domestic', note: expect.stringContaining('TAKEDOWN_POLICE_NAME') },
      ],
      notice: { when: 'after_clearance' },
    },
  ],
  [
    'INHOPE country: the member with an endpoint, notice now',
    at('DE'),
    {},
    {
      route: 'inhope',
      referrals: [
        {
          kind: 'inhope_member',
          name: 'jugendschutz.net',
          country: 'DE',
          channel: 'http',
          address: 'https://referrals.member.invalid/api',
          reason: 'inhope_country',
          note: null,
        },
      ],
      notice: { when: 'now' },
    },
  ],
  [
    'INHOPE country by e-mail, notice after a hold',
    at('FR'),
    { inhopeNotice: 'after_hold' },
    {
      route: 'inhope',
      referrals: [
        {
          kind: 'inhope_member',
          name: 'Point de Contact',
          country: 'FR',
          channel: 'email',
          address: 'referrals@member.invalid',
          reason: 'inhope_country',
          note: null,
        },
      ],
      notice: { when: 'after_hold', holdHours: 12 },
    },
  ],
  [
    'INHOPE country without an endpoint: forward through ICCAM by hand, no notice by policy',
    at('BE'),
    { inhopeNotice: 'none' },
    {
      route: 'inhope',
      referrals: [
        {
          kind: 'inhope_member',
          name: 'Child Focus',
          country: 'BE',
          channel: 'none',
          address: null,
          reason: 'inhope_country',
          note: expect.stringContaining('ICCAM by hand'),
        },
      ],
      notice: { when: 'never' },
    },
  ],
  [
    'elsewhere: police referral, notice now',
    at('KZ'),
    {},
    {
      route: 'elsewhere',
      referrals: [{ kind: 'police', name: 'Police unit', channel: 'email', address: 'unit@police.invalid', reason: 'no_hotline', note: null }],
      notice: { when: 'now' },
    },
  ],
  [
    'elsewhere with Interpol configured: Interpol',
    at('KZ'),
    { interpol: { name: 'Interpol NCB', url: 'https://ncb.invalid/refer' } },
    {
      route: 'elsewhere',
      referrals: [{ kind: 'interpol', name: 'Interpol NCB', channel: 'http', address: 'https://ncb.invalid/refer', reason: 'no_hotline', note: null }],
      notice: { when: 'now' },
    },
  ],
  ['unknown country: nothing sent, an analyst must look', at(null), {}, { route: 'unknown', referrals: [], notice: { when: 'never' } }],
  ['a failed trace counts as unknown even with a country', at('DE', 'rdap timeout'), {}, { route: 'unknown', referrals: [], notice: { when: 'never' } }],
];

describe('routeCase', () => {
  it.each(cases)('%s', (_name, trace, over, expected) => {
    expect(routeCase(trace, { ...rules, ...over })).toEqual(expected);
  });

  it('never refers to our own country’s member hotline: that is us', () => {
    expect(routeCase(at('NL'), rules).referrals.map((r) => r.kind)).toEqual(['police']);
  });
});
