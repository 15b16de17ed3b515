import { useState } from 'react';
import { api } from '../api';
import type { Match } from '../types';
import { ErrorNote } from './error-note';

/**
 * The known-material matches of an item. A senior may mark a matched known hash as a false positive: two clicks
 * (the second confirms), because it disables the hash for every matcher at once.
 */
export function MatchList({ matches, senior }: { matches: Match[]; senior: boolean }) {
  const [asking, setAsking] = useState<string | null>(null);
  const [disabled, setDisabled] = useState<Set<string>>(() => new Set());
  const [error, setError] = useState<unknown>(null);

  async function markFalsePositive(hashId: string) {
    setError(null);
    try {
      await api('POST', `/api/hashes/${encodeURIComponent(hashId)}/false-positive`, {});
      setDisabled((s) => new Set(s).add(hashId));
    } catch (err) {
      setError(err);
    } finally {
      setAsking(null);
    }
  }

  if (matches.length === 0) return <p className="muted">No known-material match.</p>;
  return (
    <>
      <ul data-testid="item-matches">
        {matches.map((m, i) => {
          const hashId = m.knownHashId;
          return (
            <li key={i} data-testid="item-match">
              {m.listName ?? m.list ?? 'list'} · {m.hashType ?? 'hash'}
              {m.distance !== undefined ? ` · distance ${m.distance}` : ''}
              {m.category ? ` · category ${m.category}` : ''}
              {senior && hashId && !disabled.has(hashId) && asking !== hashId && (
                <button type="button" className="link" onClick={() => setAsking(hashId)} data-testid="false-positive">
                  False positive…
                </button>
              )}
              {senior && hashId && asking === hashId && (
                <>
                  {' '}
                  <button type="button" className="secondary" onClick={() => void markFalsePositive(hashId)} data-testid="false-positive-confirm">
                    Disable this known hash
                  </button>
                  <button type="button" className="link" onClick={() => setAsking(null)}>
                    Cancel
                  </button>
                </>
              )}
              {hashId && disabled.has(hashId) && (
                <span className="badge" data-testid="false-positive-done">
                  disabled as a false positive
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorNote error={error} testId="false-positive-error" />
    </>
  );
}
