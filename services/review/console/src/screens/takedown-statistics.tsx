import { useEffect, useState, type FormEvent } from 'react';
import { get } from '../api';
import { BarChart } from '../components/bar-chart';
import { ErrorNote } from '../components/error-note';
import type { RemovalFigures, TakedownStatistics } from '../takedown-types';

const DAY_MS = 86_400_000;

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 3 * 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}
const share = (f: RemovalFigures) => (f.shareWithin3Days === null ? '—' : `${Math.round(f.shareWithin3Days * 100)} %`);
const hours = (s: number | null) => (s === null ? 0 : Math.round(s / 360) / 10);

function FiguresTable({ title, keyLabel, rows, testId }: { title: string; keyLabel: string; rows: Array<RemovalFigures & { key: string }>; testId: string }) {
  return (
    <>
      <h2>{title}</h2>
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col">Cases</th>
            <th scope="col">Removed</th>
            <th scope="col">Open</th>
            <th scope="col">Median to removal</th>
            <th scope="col">90th percentile</th>
            <th scope="col">Within 3 days</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.key}</td>
              <td>{r.cases}</td>
              <td>{r.removed}</td>
              <td>{r.open}</td>
              <td>{duration(r.medianSeconds)}</td>
              <td>{duration(r.p90Seconds)}</td>
              <td>
                {share(r)}{' '}
                <span className="muted">
                  ({r.removedWithin3Days}/{r.eligible3Days})
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Removal statistics with charts and an anonymised CSV download (counts and durations only, no URL). */
export function TakedownStatisticsScreen() {
  const [range, setRange] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [query, setQuery] = useState('');
  const [data, setData] = useState<TakedownStatistics | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    get<TakedownStatistics>(`/api/takedown/statistics${query}`)
      .then((s) => {
        if (!alive) return;
        setData(s);
        setError(null);
        setRange({ from: s.from.slice(0, 10), to: new Date(new Date(s.to).getTime() - DAY_MS).toISOString().slice(0, 10) });
      })
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [query]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery(`?${new URLSearchParams(range)}`);
  };
  const o = data?.overall;
  const csvHref = `/api/takedown/statistics.csv?${new URLSearchParams(range)}`;
  return (
    <section aria-labelledby="stats-title" data-testid="takedown-statistics">
      <div className="toolbar">
        <h1 id="stats-title">Takedown statistics</h1>
        <form className="range" onSubmit={apply}>
          <label>
            From
            <input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} data-testid="stats-from" />
          </label>
          <label>
            To
            <input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} data-testid="stats-to" />
          </label>
          <button type="submit" className="secondary" data-testid="stats-apply">
            Show
          </button>
        </form>
        {data && (
          <a href={csvHref} download className="button-link" data-testid="stats-csv">
            Download CSV
          </a>
        )}
      </div>
      <ErrorNote error={error} />
      {data && o && (
        <>
          <p className="muted">
            Cases confirmed from {range.from} to {range.to} (UTC, cancelled cases left out). Time to removal counts from the first report; “within 3 days”
            divides the cases removed within 72 hours by those that have had 72 hours or were removed.
          </p>
          <dl className="figures">
            <div>
              <dt>Cases</dt>
              <dd data-testid="stats-cases">{o.cases}</dd>
            </div>
            <div>
              <dt>Removed</dt>
              <dd data-testid="stats-removed">{o.removed}</dd>
            </div>
            <div>
              <dt>Open</dt>
              <dd data-testid="stats-open">{o.open}</dd>
            </div>
            <div>
              <dt>Report → removal, median</dt>
              <dd data-testid="stats-median">{duration(o.medianSeconds)}</dd>
            </div>
            <div>
              <dt>Report → removal, 90th percentile</dt>
              <dd data-testid="stats-p90">{duration(o.p90Seconds)}</dd>
            </div>
            <div>
              <dt>Removed within 3 days</dt>
              <dd data-testid="stats-within-3-days">{share(o)}</dd>
            </div>
          </dl>
          <div className="charts">
            <BarChart title="Confirmed per day" testId="chart-confirmed" bars={data.perDay.map((d) => ({ label: d.day.slice(5), value: d.confirmed }))} />
            <BarChart title="Removed per day" testId="chart-removed" bars={data.perDay.map((d) => ({ label: d.day.slice(5), value: d.removed }))} />
            <BarChart
              title="Median hours to removal per country"
              testId="chart-country"
              bars={data.byCountry.map((c) => ({ label: c.key, value: hours(c.medianSeconds) }))}
            />
          </div>
          <FiguresTable title="Per hosting country" keyLabel="Country" rows={data.byCountry} testId="stats-by-country" />
          <FiguresTable title="Per provider" keyLabel="Provider" rows={data.byProvider} testId="stats-by-provider" />
          <h2>Notices per provider</h2>
          <table data-testid="stats-notices">
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Notices sent</th>
                <th scope="col">Removed after a notice</th>
                <th scope="col">Response, median</th>
                <th scope="col">Response, 90th percentile</th>
              </tr>
            </thead>
            <tbody>
              {data.noticesByProvider.map((n) => (
                <tr key={n.provider}>
                  <td>{n.provider}</td>
                  <td>{n.noticesSent}</td>
                  <td>{n.responded}</td>
                  <td>{duration(n.responseMedianSeconds)}</td>
                  <td>{duration(n.responseP90Seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
