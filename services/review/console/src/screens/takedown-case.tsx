import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, get } from '../api';
import { CaseTimeline } from '../components/case-timeline';
import { CaseTrace } from '../components/case-trace';
import { ErrorNote } from '../components/error-note';
import { Link } from '../components/link';
import { TraceCorrection } from '../components/trace-correction';
import type { CaseDetail } from '../takedown-types';
import type { User } from '../types';

const OPEN = new Set(['tracing', 'held', 'active', 'needs_analyst']);

/** One case: the trace, the timeline, and what people may do (clear a held case, trace again, cancel). */
export function TakedownCaseScreen({ id, user }: { id: string; user: User }) {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const path = `/api/takedown/cases/${encodeURIComponent(id)}`;

  const load = useCallback(() => {
    get<CaseDetail>(path).then(setDetail).catch(setError);
  }, [path]);
  useEffect(load, [load]);

  async function act(action: 'clearance' | 'retrace' | 'cancel', body?: unknown) {
    setBusy(true);
    setError(null);
    try {
      setDetail(await api<CaseDetail>('POST', `${path}/${action}`, body));
      setCancelling(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!detail) return error ? <ErrorNote error={error} /> : <p className="loading">Loading case…</p>;
  const c = detail.case;
  const senior = user.role === 'senior' || user.role === 'admin';
  const open = OPEN.has(c.state);
  const submitCancel = (e: FormEvent) => {
    e.preventDefault();
    void act('cancel', { reason: reason.trim() });
  };
  return (
    <article aria-labelledby="case-title" data-testid="case-view" data-state={c.state}>
      <p>
        <Link to="/takedown">← All cases</Link>
      </p>
      <h1 id="case-title">
        Case {c.id.slice(0, 8)}{' '}
        <span className={`badge state-${c.state}`} data-testid="case-state">
          {c.state.replace(/_/g, ' ')}
        </span>
      </h1>
      <dl className="facts">
        <dt>URL (text only)</dt>
        <dd className="url" data-testid="case-url">
          {c.url}
        </dd>
        {c.stateReason && (
          <>
            <dt>Why</dt>
            <dd data-testid="case-reason">{c.stateReason}</dd>
          </>
        )}
        <dt>Route</dt>
        <dd>
          {c.route ?? '—'}
          {c.noticeWhen && <span className="muted"> · notice {c.noticeWhen.replace(/_/g, ' ')}</span>}
        </dd>
        <dt>First reported</dt>
        <dd>{new Date(c.firstReportedAt).toLocaleString()}</dd>
        <dt>Confirmed</dt>
        <dd>
          {new Date(c.confirmedAt).toLocaleString()} <span className="muted">({c.origin === 'auto_list' ? 'list match' : 'analyst decision'})</span>
        </dd>
        {c.clearedAt && (
          <>
            <dt>Cleared</dt>
            <dd data-testid="case-cleared">{new Date(c.clearedAt).toLocaleString()}</dd>
          </>
        )}
        {c.removedAt && (
          <>
            <dt>Removed</dt>
            <dd data-testid="case-removed">{new Date(c.removedAt).toLocaleString()}</dd>
          </>
        )}
      </dl>
      {open && (
        <div className="actions" data-testid="case-actions">
          {senior && c.state === 'held' && (
            <button type="button" disabled={busy} onClick={() => void act('clearance')} data-testid="case-clear">
              Clear (police agreed)
            </button>
          )}
          <button type="button" className="secondary" disabled={busy} onClick={() => void act('retrace')} data-testid="case-retrace">
            Re-trace
          </button>
          {senior && !cancelling && (
            <button type="button" className="secondary" disabled={busy} onClick={() => setCancelling(true)} data-testid="case-cancel">
              Cancel case…
            </button>
          )}
        </div>
      )}
      {open && senior && cancelling && (
        <form className="card" onSubmit={submitCancel} data-testid="case-cancel-form">
          <label>
            Reason (kept in the case and the audit log)
            <textarea value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} data-testid="case-cancel-reason" />
          </label>
          <div className="actions">
            <button type="submit" disabled={busy || reason.trim() === ''} data-testid="case-cancel-confirm">
              Cancel the case
            </button>
            <button type="button" className="secondary" onClick={() => setCancelling(false)}>
              Keep it
            </button>
          </div>
        </form>
      )}
      <ErrorNote error={error} testId="case-error" />
      <CaseTrace c={c} />
      <TraceCorrection c={c} senior={senior} busy={busy} onRetrace={() => void act('retrace')} />
      <CaseTimeline detail={detail} />
    </article>
  );
}
