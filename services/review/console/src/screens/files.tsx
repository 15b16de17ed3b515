import { useEffect, useState } from 'react';
import { get } from '../api';
import { ErrorNote } from '../components/error-note';
import { Link } from '../components/link';
import { reportPath } from '../router';
import type { ClosedReport, User } from '../types';

/** Closed reports (the passive files): seniors and admins only. */
export function FilesScreen({ user }: { user: User }) {
  const [reports, setReports] = useState<ClosedReport[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (user.role === 'analyst') return;
    get<{ total: number; reports: ClosedReport[] }>('/api/reports?closed=true')
      .then((r) => setReports(r.reports))
      .catch(setError);
  }, [user.role]);
  if (user.role === 'analyst') return <p>Closed reports are for seniors.</p>;
  return (
    <section aria-labelledby="files-title">
      <h1 id="files-title">Closed reports</h1>
      <ErrorNote error={error} />
      <ul data-testid="closed-reports">
        {(reports ?? []).map((r) => {
          const id = r.reportId;
          return (
            <li key={id} data-testid="closed-report">
              <Link to={reportPath(id)} testId="closed-report-link">
                report {id.slice(0, 8)}
              </Link>{' '}
              <span className="muted">
                {r.source ?? ''} · {r.items ?? 0} item{r.items === 1 ? '' : 's'}
                {r.closedAt ? ` · closed ${new Date(r.closedAt).toLocaleString()}` : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
