import { parseConfig } from '@hotline/platform';
import { hotlineFromConfig, loadInhopeMembers, routeCase, routingRulesFromConfig, takedownConfig } from '../src';

const parse = (env: Record<string, string | undefined>) => parseConfig(env, takedownConfig);

describe('takedown configuration', () => {
  it('defaults to the Netherlands, police first, no contact and no window', () => {
    const cfg = parse({});
    expect(cfg).toMatchObject({
      TAKEDOWN_HOME_COUNTRY: 'NL',
      TAKEDOWN_DOMESTIC_NOTICE: 'after_clearance',
      TAKEDOWN_DOMESTIC_HOLD_HOURS: 24,
      TAKEDOWN_INHOPE_NOTICE: 'now',
      TAKEDOWN_HOTLINE_NAME: 'Hotline',
      TAKEDOWN_HOTLINE_EMAIL: 'abuse-notices@hotline.invalid',
      TAKEDOWN_HOLIDAYS: [],
    });
    expect(cfg.TAKEDOWN_SEND_WINDOW).toBeUndefined();
    const rules = routingRulesFromConfig(cfg, loadInhopeMembers());
    expect(rules.police).toBeNull();
    expect(rules.interpol).toBeNull();
    expect(hotlineFromConfig(cfg)).toEqual({ name: 'Hotline', email: 'abuse-notices@hotline.invalid', country: 'NL' });
  });

  it('builds the rules from the variables', () => {
    const cfg = parse({
      TAKEDOWN_HOME_COUNTRY: 'be',
      TAKEDOWN_DOMESTIC_NOTICE: 'after_hold',
      TAKEDOWN_DOMESTIC_HOLD_HOURS: '72',
      TAKEDOWN_POLICE_EMAIL: 'unit@police.invalid',
      TAKEDOWN_INTERPOL_NAME: 'NCB',
      TAKEDOWN_SEND_WINDOW: 'Mon-Fri 09:00-17:00 Europe/Brussels',
      TAKEDOWN_HOLIDAYS: '2025-12-25, 2025-12-26',
    });
    const rules = routingRulesFromConfig(cfg, loadInhopeMembers());
    expect(rules).toMatchObject({
      homeCountry: 'BE',
      domesticNotice: 'after_hold',
      domesticHoldHours: 72,
      police: { name: 'police', email: 'unit@police.invalid' },
      interpol: { name: 'NCB' },
    });
    expect(cfg.TAKEDOWN_SEND_WINDOW?.timeZone).toBe('Europe/Brussels');
    expect(cfg.TAKEDOWN_HOLIDAYS).toEqual(['2025-12-25', '2025-12-26']);
    expect(routeCase({ country: 'BE', error: null }, rules).route).toBe('domestic');
    expect(routeCase({ country: 'NL', error: null }, rules)).toMatchObject({ route: 'inhope', referrals: [{ name: 'Offlimits', channel: 'none' }] });
  });

  it.each([
    ['TAKEDOWN_HOME_COUNTRY', 'NLD'],
    ['TAKEDOWN_DOMESTIC_NOTICE', 'never'],
    ['TAKEDOWN_POLICE_EMAIL', 'not-an-address'],
    ['TAKEDOWN_POLICE_URL', 'ftp://police.invalid'],
    ['TAKEDOWN_SEND_WINDOW', 'weekdays 9-5'],
    ['TAKEDOWN_HOLIDAYS', '25-12-2025'],
  ])('refuses a bad %s, naming it', (variable, value) => {
    expect(() => parse({ [variable]: value })).toThrow(variable);
  });
});
