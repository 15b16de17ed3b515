import { useEffect, useState } from 'react';
import { get } from '../api';
import { ErrorNote } from '../components/error-note';
import { Link } from '../components/link';
import { takedownCasePath } from '../router';
import { CASE_STATES, type CaseList, type CaseState } from '../takedown-types';

const PAGE = 50;
const label = (s: string) => s.replace(/_/g, ' ');

/**
 * Takedown cases by state. A case's URL is shown as plain text, never as a link or an image: nobody should reach the
 * material from here by a stray click.
 */
export function TakedownCasesScreen() {
  const [state, setState] = useState<CaseState | 'all'>('all');
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<CaseList | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    const q = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
    if (state !== 'all') q.set('state', state);
    get<CaseList>(`/api/takedown/cases?${q}`)
      .then((l) => alive && (setList(l), setError(null)))
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [state, offset]);

  const total = list ? Object.values(list.counts).reduce((a, b) => a + b, 0) : 0;
  const shown = state === 'all' ? total : (list?.counts[state] ?? 0);
  const choose = (s: CaseState | 'all') => {
    setState(s);
    setOffset(0);
  };
  return (
    <section aria-labelledby="takedown-title">
      <div className="toolbar">
        <h1 id="takedown-title">Takedown</h1>
        <Link to="/takedown/statistics" testId="takedown-statistics-link">
          Statistics
        </Link>
        <Link to="/takedown/directory" testId="takedown-directory-link">
          Provider directory
        </Link>
      </div>
      <div role="tablist" aria-label="Case state" className="tabs" data-testid="case-tabs">
        {(['all', ...CASE_STATES] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={state === s}
            className={state === s ? 'tab chosen' : 'tab'}
            data-testid={`case-tab-${s}`}
            onClick={() => choose(s)}
          >
            {label(s)} <span className="count">{s === 'all' ? total : (list?.counts[s] ?? 0)}</span>
          </button>
        ))}
      </div>
      <ErrorNote error={error} />
      {list && list.cases.length === 0 && (
        <p className="muted" data-testid="cases-empty">
          No cases {state === 'all' ? '' : `in state ${label(state)}`}.
        </p>
      )}
      {list && list.cases.length > 0 && (
        <table data-testid="case-list">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">URL (text only)</th>
              <th scope="col">State</th>
              <th scope="col">Hosting</th>
              <th scope="col">Notices</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {list.cases.map((c) => (
              <tr key={c.id} data-testid="case-row" data-state={c.state}>
                <td>
                  <Link to={takedownCasePath(c.id)} testId="case-link">
                    {c.id.slice(0, 8)}
                  </Link>
                </td>
                <td className="url" data-testid="case-url">
                  {c.url}
                </td>
                <td>
                  <span className={`badge state-${c.state}`}>{label(c.state)}</span>
                </td>
                <td>
                  {c.country ?? '—'} · {c.providerName ?? 'unknown provider'}
                </td>
                <td>{c.noticesSent}</td>
                <td>{new Date(c.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && shown > PAGE && (
        <div className="pager">
          <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <button type="button" className="secondary" disabled={offset + PAGE >= shown} onClick={() => setOffset(offset + PAGE)}>
            Next page
          </button>
        </div>
      )}
    </section>
  );
}
