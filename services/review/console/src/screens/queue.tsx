import { useEffect, useState } from 'react';
import { api, get } from '../api';
import { ErrorNote } from '../components/error-note';
import { Link } from '../components/link';
import { itemPath, navigate, reportPath } from '../router';
import type { ClaimedItem, ItemKind, QueueItem } from '../types';

const PAGE = 50;

/** The open queue (server-blurred thumbnails only) and the one way to start work on an item: "Next item". */
export function QueueScreen() {
  const [kind, setKind] = useState<ItemKind | 'all'>('all');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; items: QueueItem[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [empty, setEmpty] = useState(false);
  const [claiming, setClaiming] = useState(false);

  useEffect(() => {
    let alive = true;
    const q = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
    if (kind !== 'all') q.set('kind', kind);
    get<{ total: number; items: QueueItem[] }>(`/api/queue?${q}`)
      .then((p) => alive && (setPage(p), setError(null)))
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [kind, offset]);

  async function next() {
    setClaiming(true);
    setError(null);
    setEmpty(false);
    try {
      const claimed = await api<ClaimedItem>('POST', '/api/queue/claim', {});
      if (claimed) navigate(itemPath(claimed.id));
      else setEmpty(true);
    } catch (err) {
      setError(err);
    } finally {
      setClaiming(false);
    }
  }

  return (
    <section aria-labelledby="queue-title">
      <div className="toolbar">
        <h1 id="queue-title">Queue</h1>
        <label>
          Kind
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ItemKind | 'all');
              setOffset(0);
            }}
            data-testid="queue-kind"
          >
            <option value="all">all</option>
            <option value="content">content</option>
            <option value="url">url</option>
          </select>
        </label>
        <button type="button" onClick={() => void next()} disabled={claiming} data-testid="next-item">
          Next item
        </button>
      </div>
      {empty && (
        <p className="notice" data-testid="queue-empty">
          Nothing is waiting for you right now.
        </p>
      )}
      <ErrorNote error={error} />
      {page && (
        <>
          <p className="muted" data-testid="queue-total">
            {page.total} open
          </p>
          <ul className="queue" data-testid="queue-list">
            {page.items.map((item) => {
              const id = item.id ?? item.contentId ?? '';
              return (
                <li key={id} data-testid="queue-item">
                  {item.bytesDeletedAt ? (
                    <span
                      className="thumb url-thumb"
                      title="The bytes were deleted under the retention rules; hashes remain."
                      data-testid="queue-bytes-deleted"
                    >
                      deleted
                    </span>
                  ) : (item.kind ?? 'content') === 'content' ? (
                    <img className="thumb" src={`/api/items/${encodeURIComponent(id)}/thumbnail`} alt="Blurred preview" loading="lazy" width={96} height={96} />
                  ) : (
                    <span className="thumb url-thumb" aria-hidden="true">
                      URL
                    </span>
                  )}
                  <div>
                    <Link to={itemPath(id)}>{item.kind === 'url' ? (item.url ?? 'URL') : (item.mime ?? 'content')}</Link>
                    {item.knownMaterial && <span className="badge known">known match</span>}
                    {item.status && item.status !== 'pending' && <span className="badge">{item.status}</span>}
                    <div className="muted">
                      report <Link to={reportPath(item.reportId)}>{item.reportId.slice(0, 8)}</Link>
                      {item.enqueuedAt && <> · queued {new Date(item.enqueuedAt).toLocaleString()}</>}
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
          <div className="pager">
            <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </button>
            <button type="button" className="secondary" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
              Next page
            </button>
          </div>
        </>
      )}
    </section>
  );
}
