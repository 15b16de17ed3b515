import { useEffect, useState } from 'react';
import { api, ApiError, get } from '../api';
import { ClassificationForm } from '../components/classification-form';
import { DecisionHistory, DisputedDecisions } from '../components/decision-history';
import { ErrorNote } from '../components/error-note';
import { ImageViewer } from '../components/image-viewer';
import { Link } from '../components/link';
import { VideoViewer } from '../components/video-viewer';
import { MatchList } from '../components/match-list';
import { useLease } from '../lease';
import { navigate, reportPath } from '../router';
import { ROLES_IN_ORDER } from '../roles';
import type { Decision, ItemDetail, RecordedDecision, User } from '../types';

// The review service's open statuses (ReviewStatus in shared/reports): everything but `decided`.
const DECIDABLE = new Set(['pending', 'awaiting_second', 'disputed']);

/** One item: where it came from, what it matched, the image behind Reveal, and the classification form. */
export function ItemScreen({ id, user }: { id: string; user: User }) {
  const [item, setItem] = useState<ItemDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [leaseExpired, setLeaseExpired] = useState(false);
  const [revising, setRevising] = useState(false);
  const senior = ROLES_IN_ORDER.indexOf(user.role) >= ROLES_IN_ORDER.indexOf('senior');

  useEffect(() => {
    let alive = true;
    get<ItemDetail>(`/api/items/${encodeURIComponent(id)}`)
      .then((i) => alive && setItem(i))
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [id]);

  // A disputed item is for a senior to settle; the analysts who disagreed see both decisions only.
  const decidable = item ? DECIDABLE.has(item.status) && (item.status !== 'disputed' || senior) && !done && !leaseExpired : false;
  const lease = useLease(id, decidable);

  async function decide(d: Decision) {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ decision: RecordedDecision; item: ItemDetail }>('POST', `/api/items/${encodeURIComponent(id)}/decision`, d);
      if (answer) setItem((old) => ({ ...(old ?? answer.item), ...answer.item }));
      // The whole item again, for the decision history and (after a disagreement) both decisions.
      void get<ItemDetail>(`/api/items/${encodeURIComponent(id)}`)
        .then(setItem)
        .catch(() => {});
      setDone(answer?.item.status === 'awaiting_second' ? 'Recorded. A second analyst will confirm it (four-eyes).' : 'Decision recorded.');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'lease_lost') setLeaseExpired(true);
      else
        setError(
          err instanceof ApiError && err.code === 'already_decided'
            ? new Error('This item was already decided differently; your decision was not recorded.')
            : err,
        );
    } finally {
      setBusy(false);
    }
  }

  async function revise(d: Decision) {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ decision: RecordedDecision; item: ItemDetail }>('POST', `/api/items/${encodeURIComponent(id)}/revision`, d);
      // The answer's item may leave out the history: ask for the whole item again.
      setItem(await get<ItemDetail>(`/api/items/${encodeURIComponent(id)}`).catch(() => (answer ? { ...item!, ...answer.item } : item)));
      setRevising(false);
      setDone('Revision recorded: it is now the item’s decision.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!item) {
    if (error instanceof ApiError && error.code === 'item_not_visible')
      return (
        <p className="notice warn" role="alert" data-testid="item-not-visible">
          This item is not yours to view: it belongs to a closed report (a passive file). A senior analyst can open it.
        </p>
      );
    return error ? <ErrorNote error={error} /> : <p className="loading">Loading item…</p>;
  }
  const first = item.status === 'awaiting_second' ? item.decisions[0] : undefined;
  const effective = item.decisions.filter((d) => d.stage === 'revision').at(-1) ?? item.decisions.at(-1);
  const reason = item.urlReason ?? item.reason;
  return (
    <article className="item" aria-labelledby="item-title" data-testid="item-view" data-status={item.status}>
      <div className="toolbar">
        <h1 id="item-title">
          {item.kind === 'url' ? 'URL item' : item.media === 'video' ? 'Video item' : 'Content item'}{' '}
          <span className="badge" data-testid="item-status">
            {item.status.replace(/_/g, ' ')}
          </span>
        </h1>
        <button type="button" className="secondary" onClick={() => navigate('/')} data-testid="back-to-queue">
          Back to queue
        </button>
      </div>
      {leaseExpired && (
        <div className="notice warn" role="alert" data-testid="lease-expired">
          <p>Your lease on this item expired, so your decision was not recorded: another analyst may have it now.</p>
          <button type="button" onClick={() => window.location.reload()} data-testid="lease-expired-reload">
            Reload the item
          </button>
        </div>
      )}
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
          Four-eyes: you are confirming a decision. First decision: <strong>{first.verdict.replace(/_/g, ' ')}</strong>
          {first.iwfCategory ? `, IWF ${first.iwfCategory}` : ''}.
        </p>
      )}
      {item.status === 'disputed' && <DisputedDecisions decisions={item.decisions} user={user} />}
      <div className="item-grid">
        <div>
          {item.kind === 'content' && item.media === 'video' && item.video ? (
            <VideoViewer itemId={item.id} blurStrength={user.blurStrength} video={item.video} bytesDeletedAt={item.bytesDeletedAt} />
          ) : item.kind === 'content' ? (
            <ImageViewer itemId={item.id} blurStrength={user.blurStrength} meta={item.image} bytesDeletedAt={item.bytesDeletedAt} />
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
          {item.matches.length === 0 && item.video?.videoMatches.length ? (
            <p className="muted" data-testid="video-matched-note">
              No list entry matched; a known video did (its shares are beside the frames).
            </p>
          ) : (
            <MatchList matches={item.matches} senior={senior} />
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
      ) : revising ? (
        <section aria-labelledby="revise-title" data-testid="revision-form">
          <h2 id="revise-title">Revise the decision</h2>
          <p className="muted">The revision becomes the item’s decision and is announced again; the earlier decisions stay in the history.</p>
          <ClassificationForm initial={effective} busy={busy} submitLabel="Record revision" onSubmit={(d) => void revise(d)} />
          <button type="button" className="link" onClick={() => setRevising(false)}>
            Cancel
          </button>
        </section>
      ) : (
        <div className="toolbar">
          <p className="muted">This item is {item.status.replace(/_/g, ' ')}; nothing to decide.</p>
          {senior && item.status === 'decided' && (
            <button type="button" className="secondary" onClick={() => setRevising(true)} data-testid="revise-decision">
              Revise decision
            </button>
          )}
        </div>
      )}
      {item.status !== 'disputed' && <DecisionHistory decisions={item.decisions} user={user} />}
      <ErrorNote error={error} testId="decision-error" />
    </article>
  );
}
