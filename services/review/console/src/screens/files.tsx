import { useEffect, useState } from 'react';
import { get } from '../api';
import { ErrorNote } from '../components/error-note';
import { Link } from '../components/link';
import { reportPath } from '../router';
import type { ReportView, User } from '../types';

/** Closed reports (the passive files): seniors and admins only. */
export function FilesScreen({ user }: { user: User }) {
  const [reports, setReports] = useState<ReportView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (user.role === 'analyst') return;
    get<{ items?: ReportView[]; reports?: ReportView[] } | ReportView[]>('/api/reports?closed=true')
      .then((r) => setReports(Array.isArray(r) ? r : (r.reports ?? r.items ?? [])))
      .catch(setError);
  }, [user.role]);
  if (user.role === 'analyst') return <p>Closed reports are for seniors.</p>;
  return (
    <section aria-labelledby="files-title">
      <h1 id="files-title">Closed reports</h1>
      <ErrorNote error={error} />
      <ul data-testid="closed-reports">
        {(reports ?? []).map((r) => {
          const id = r.id ?? r.reportId ?? '';
          return (
            <li key={id}>
              <Link to={reportPath(id)}>report {id.slice(0, 8)}</Link>{' '}
              <span className="muted">{r.receivedAt ? new Date(r.receivedAt).toLocaleString() : ''}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
