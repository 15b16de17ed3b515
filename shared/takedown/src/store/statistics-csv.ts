import type { ProviderNoticeFigures, RemovalFigures, TakedownStatistics } from './statistics';

// The statistics as a spreadsheet: anonymised (provider names and countries only — no URL, host or address).

export const STATISTICS_CSV_COLUMNS = [
  'scope',
  'key',
  'cases',
  'removed',
  'open',
  'median_removal_seconds',
  'p90_removal_seconds',
  'removed_within_3_days',
  'eligible_3_days',
  'share_within_3_days',
  'notices_sent',
  'notice_response_median_seconds',
  'notice_response_p90_seconds',
] as const;

type Cell = string | number | null;

/**
 * RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled — and so are fields with a semicolon
 * or a tab, the separators spreadsheets use in many European locales (a name like `x;=cmd|…` would otherwise
 * split into a cell of its own that starts with `=`).
 */
function field(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A key as it may appear in the export. Provider names come from RDAP and the directory, so a third party chose
 * them: one that carries an address or a link is withheld, and one that a spreadsheet would run as a formula is
 * defused with a leading apostrophe.
 */
function safeKey(key: string): string {
  if (/@|:\/\/|^www\.|\.[a-z]{2,}\//i.test(key)) return 'withheld';
  return /^[=+\-@\t\r]/.test(key) ? `'${key}` : key;
}

const removal = (f: RemovalFigures): Cell[] => [
  f.cases,
  f.removed,
  f.open,
  f.medianSeconds,
  f.p90Seconds,
  f.removedWithin3Days,
  f.eligible3Days,
  f.shareWithin3Days === null ? null : Number(f.shareWithin3Days.toFixed(4)),
];
const notices = (n: ProviderNoticeFigures | undefined): Cell[] => [n?.noticesSent ?? 0, n?.responseMedianSeconds ?? null, n?.responseP90Seconds ?? null];
const none: Cell[] = [null, null, null];

/**
 * One row per (scope, key): `overall`/`all`, `country`/<code>, `provider`/<name> (with its notice figures), and
 * `day`/<YYYY-MM-DD> (cases = confirmed that day, removed = removed that day; the other columns empty). CRLF line ends.
 */
export function statisticsCsv(stats: TakedownStatistics): string {
  const byProvider = new Map(stats.noticesByProvider.map((n) => [n.provider, n]));
  const rows: Cell[][] = [
    [...STATISTICS_CSV_COLUMNS],
    ['overall', 'all', ...removal(stats.overall), sumNotices(stats), null, null],
    ...stats.byCountry.map((c) => ['country', safeKey(c.key), ...removal(c), ...none]),
    ...stats.byProvider.map((p) => ['provider', safeKey(p.key), ...removal(p), ...notices(byProvider.get(p.key))]),
    ...stats.perDay.map((d) => ['day', d.day, d.confirmed, d.removed, null, null, null, null, null, null, ...none]),
  ];
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

function sumNotices(stats: TakedownStatistics): number {
  return stats.noticesByProvider.reduce((n, p) => n + p.noticesSent, 0);
}
