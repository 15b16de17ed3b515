import { useEffect, useState } from 'react';
import { api, ApiError, get } from '../api';
import { ClassificationForm } from '../components/classification-form';
import { ErrorNote } from '../components/error-note';
import { ImageViewer } from '../components/image-viewer';
import { Link } from '../components/link';
import { useLease } from '../lease';
import { navigate, reportPath } from '../router';
import type { Decision, ItemDetail, RecordedDecision, User } from '../types';

// The review service's open statuses (ReviewStatus in shared/reports): everything but `decided`.
const DECIDABLE = new Set(['pending', 'awaiting_second', 'disputed']);

/** One item: where it came from, what it matched, the image behind Reveal, and the classification form. */
export function ItemScreen({ id, user }: { id: string; user: User }) {
  const [item, setItem] = useState<ItemDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    get<ItemDetail>(`/api/items/${encodeURIComponent(id)}`)
      .then((i) => alive && setItem(i))
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [id]);

  const decidable = item ? DECIDABLE.has(item.status) && !done : false;
  const lease = useLease(id, decidable);

  async function decide(d: Decision) {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ decision: RecordedDecision; item: ItemDetail }>('POST', `/api/items/${encodeURIComponent(id)}/decision`, d);
      if (answer) setItem((old) => ({ ...(old ?? answer.item), ...answer.item }));
      setDone(answer?.item.status === 'awaiting_second' ? 'Recorded. A second analyst will confirm it (four-eyes).' : 'Decision recorded.');
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'already_decided'
          ? new Error('This item was already decided differently; your decision was not recorded.')
          : err,
      );
    } finally {
      setBusy(false);
    }
  }

  if (!item) return error ? <ErrorNote error={error} /> : <p className="loading">Loading item…</p>;
  const first = item.status === 'awaiting_second' || item.status === 'disputed' ? item.decisions[0] : undefined;
  const reason = item.urlReason ?? item.reason;
  return (
    <article className="item" aria-labelledby="item-title" data-testid="item-view" data-status={item.status}>
      <div className="toolbar">
        <h1 id="item-title">
          {item.kind === 'url' ? 'URL item' : 'Content item'}{' '}
          <span className="badge" data-testid="item-status">
            {item.status.replace(/_/g, ' ')}
          </span>
        </h1>
        <button type="button" className="secondary" onClick={() => navigate('/')} data-testid="back-to-queue">
          Back to queue
        </button>
      </div>
      {lease === 'lost' && decidable && (
        <p className="notice warn" data-testid="lease-lost">
          You do not hold this item: another analyst may be working on it. Take items with “Next item”.
        </p>
      )}
      {item.prefill && !first && (
        <p className="notice" data-testid="prefill-banner">
          A near-duplicate was decided before as <strong>{item.prefill.verdict.replace(/_/g, ' ')}</strong>
          {item.prefill.iwfCategory ? `, IWF ${item.prefill.iwfCategory}` : ''}. The form starts with that decision; check it.
        </p>
      )}
      {first && (
        <p className="notice" data-testid="four-eyes-first">
          {item.status === 'disputed' ? 'Disputed: the two analysts disagreed.' : 'Four-eyes: you are confirming a decision.'} First decision:{' '}
          <strong>{first.verdict.replace(/_/g, ' ')}</strong>
          {first.iwfCategory ? `, IWF ${first.iwfCategory}` : ''}
          {first.username ? ` by ${first.username}` : ''}.
        </p>
      )}
      <div className="item-grid">
        <div>
          {item.kind === 'content' ? (
            <ImageViewer itemId={item.id} blurStrength={user.blurStrength} meta={item.image} />
          ) : (
            <section aria-label="URL">
              <p className="url" data-testid="item-url">
                {item.url}
              </p>
              {reason && (
                <p data-testid="url-reason">
                  Reason: <strong>{reason}</strong>
                </p>
              )}
            </section>
          )}
        </div>
        <div>
          <h2>Sources</h2>
          <ul data-testid="item-sources">
            {item.sources.map((s, i) => (
              <li key={`${s.reportId}-${i}`}>
                <Link to={reportPath(s.reportId)} testId="source-report">
                  report {s.reportId.slice(0, 8)}
                </Link>{' '}
                <span className="muted">
                  {s.origin ?? ''} {s.receivedAt ? new Date(s.receivedAt).toLocaleString() : ''}
                </span>
                {s.url && <div className="url">{s.url}</div>}
              </li>
            ))}
          </ul>
          <h2>Matches</h2>
          {item.matches.length === 0 ? (
            <p className="muted">No known-material match.</p>
          ) : (
            <ul data-testid="item-matches">
              {item.matches.map((m, i) => (
                <li key={i}>
                  {m.listName ?? m.list ?? 'list'} · {m.hashType ?? 'hash'}
                  {m.distance !== undefined ? ` · distance ${m.distance}` : ''}
                  {m.category ? ` · category ${m.category}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {done ? (
        <div className="notice" data-testid="decision-recorded">
          <p>{done}</p>
          <button type="button" onClick={() => navigate('/')} data-testid="after-decision-queue">
            Back to queue
          </button>
        </div>
      ) : decidable ? (
        <ClassificationForm key={item.id} initial={item.prefill} busy={busy} onSubmit={(d) => void decide(d)} />
      ) : (
        <p className="muted">This item is {item.status.replace(/_/g, ' ')}; nothing to decide.</p>
      )}
      <ErrorNote error={error} testId="decision-error" />
    </article>
  );
}
