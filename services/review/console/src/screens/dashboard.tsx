import { useEffect, useState } from 'react';
import { get } from '../api';
import { BarChart } from '../components/bar-chart';
import { ErrorNote } from '../components/error-note';
import type { Dashboard } from '../types';

function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function DashboardScreen() {
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get<Dashboard>('/api/dashboard').then(setData).catch(setError);
  }, []);
  if (!data) return error ? <ErrorNote error={error} /> : <p className="loading">Loading…</p>;
  const open = data.openByKind;
  return (
    <section aria-labelledby="dash-title" data-testid="dashboard">
      <h1 id="dash-title">Dashboard</h1>
      <dl className="figures">
        <div>
          <dt>Decisions today</dt>
          <dd data-testid="decisions-today">{data.decisionsToday}</dd>
        </div>
        <div>
          <dt>Report → decision, median</dt>
          <dd>{duration(data.reportToDecision.medianSeconds)}</dd>
        </div>
        <div>
          <dt>Report → decision, 90th percentile</dt>
          <dd>{duration(data.reportToDecision.p90Seconds)}</dd>
        </div>
      </dl>
      <div className="charts">
        <BarChart
          title="Open queue by kind"
          testId="chart-open"
          bars={[
            { label: 'content', value: open.content },
            { label: 'url', value: open.url },
            { label: '2nd', value: open.awaiting_second },
            { label: 'disputed', value: open.disputed },
          ]}
        />
        <BarChart title="Decisions per day" testId="chart-per-day" bars={data.perDay.map((d) => ({ label: d.day.slice(5), value: d.decisions }))} />
      </div>
    </section>
  );
}
