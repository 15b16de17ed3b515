import { useCallback, useEffect, useState } from 'react';
import { api, get } from '../api';
import { ClassificationForm } from '../components/classification-form';
import { ErrorNote } from '../components/error-note';
import { Link } from '../components/link';
import { itemPath } from '../router';
import type { BulkResult, Decision, ReportView, User } from '../types';

// What a bulk decision tries: every item not yet decided (the service skips those it may not decide and says why).
const OPEN = new Set(['pending', 'awaiting_second', 'disputed']);

/** A report as the reporter sent it, with every URL's outcome and item; open items can be decided together. */
export function ReportScreen({ id }: { id: string; user: User }) {
  const [report, setReport] = useState<ReportView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);

  const load = useCallback(() => {
    get<ReportView>(`/api/reports/${encodeURIComponent(id)}`)
      .then(setReport)
      .catch(setError);
  }, [id]);
  useEffect(load, [load]);

  async function decideAll(d: Decision) {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<BulkResult>('POST', `/api/reports/${encodeURIComponent(id)}/decision`, d));
      load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!report) return error ? <ErrorNote error={error} /> : <p className="loading">Loading report…</p>;
  const openItems = report.reviewItems.filter((i) => OPEN.has(i.status));
  return (
    <article aria-labelledby="report-title" data-testid="report-view">
      <h1 id="report-title">
        Report {id.slice(0, 8)} {report.closed && <span className="badge">closed</span>}
      </h1>
      <dl className="facts">
        <dt>Received</dt>
        <dd>{report.receivedAt ? new Date(report.receivedAt).toLocaleString() : '—'}</dd>
        <dt>Source</dt>
        <dd>{report.source ?? '—'}</dd>
        <dt>Language</dt>
        <dd>{report.language ?? '—'}</dd>
      </dl>
      <h2>Description</h2>
      <p className="description" data-testid="report-description">
        {report.description || <span className="muted">none given</span>}
      </p>
      <h2>URLs</h2>
      <table data-testid="report-urls">
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">State</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {report.items.map((u) => (
            <tr key={u.itemId}>
              <td className="url">{u.url}</td>
              <td>{u.state}</td>
              <td>{u.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Items</h2>
      <ul data-testid="report-items">
        {report.reviewItems.map((i) => (
          <li key={i.id}>
            <Link to={itemPath(i.id)}>
              {i.kind ?? 'item'} {i.id.slice(0, 8)}
            </Link>{' '}
            <span className="badge">{i.status.replace(/_/g, ' ')}</span>
          </li>
        ))}
      </ul>
      {openItems.length > 0 && !result && (
        <section aria-labelledby="bulk-title" data-testid="bulk-decision">
          <h2 id="bulk-title">Decide all {openItems.length} open items of this report</h2>
          <ClassificationForm busy={busy} submitLabel="Decide all items" onSubmit={(d) => void decideAll(d)} />
        </section>
      )}
      {result && (
        <section className="notice" aria-labelledby="bulk-result-title" data-testid="bulk-recorded">
          <h2 id="bulk-result-title">
            Bulk decision: {result.decided.length} decided, {result.skipped.length} skipped
          </h2>
          {result.decided.length > 0 && (
            <ul data-testid="bulk-decided">
              {result.decided.map((x) => (
                <li key={x.itemId}>
                  <Link to={itemPath(x.itemId)}>item {x.itemId.slice(0, 8)}</Link> — {x.status.replace(/_/g, ' ')}
                </li>
              ))}
            </ul>
          )}
          {result.skipped.length > 0 && (
            <ul data-testid="bulk-skipped">
              {result.skipped.map((x) => (
                <li key={x.itemId} data-code={x.code}>
                  <Link to={itemPath(x.itemId)}>item {x.itemId.slice(0, 8)}</Link> skipped: {x.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <ErrorNote error={error} />
    </article>
  );
}
