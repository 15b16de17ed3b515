import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, get } from '../api';
import { DIRECTORY_PATH, entriesFor, providerName, type Directory } from '../directory-types';
import type { TakedownCase } from '../takedown-types';
import { CdnRuleForm } from './cdn-rule-form';
import { ErrorNote } from './error-note';
import { Link } from './link';
import { ProviderSelect } from './provider-select';

function hostOf(c: TakedownCase): string | null {
  if (c.trace?.host) return c.trace.host;
  try {
    return new URL(c.url).hostname;
  } catch {
    return null;
  }
}

/**
 * "Correct the trace" under a case's trace: a CDN origin rule for the case's host (analysts), an override of the
 * host or its network to a provider of the directory (seniors), then a prompt to trace again. It shows the
 * directory entries that apply to this host now, so the analyst sees what the next trace will use.
 */
export function TraceCorrection({ c, senior, busy, onRetrace }: { c: TakedownCase; senior: boolean; busy: boolean; onRetrace: () => void }) {
  const host = hostOf(c);
  const network = c.trace?.network ?? null;
  const [dir, setDir] = useState<Directory | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);
  const [scope, setScope] = useState<'host' | 'network'>('host');
  const [providerId, setProviderId] = useState('');

  const load = useCallback(() => get<Directory>(DIRECTORY_PATH).then(setDir), []);
  useEffect(() => {
    load().catch(setError);
  }, [load]);
  // A re-trace started from here (or the case's own button) consumes the prompt.
  useEffect(() => {
    if (c.state === 'tracing') setChanged(false);
  }, [c.state]);

  async function save(path: string, body: unknown) {
    setSaving(true);
    setError(null);
    try {
      await api('POST', `${DIRECTORY_PATH}${path}`, body);
      await load();
      setChanged(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }
  const submitOverride = (e: FormEvent) => {
    e.preventDefault();
    void save('/overrides', { [scope]: scope === 'host' ? host : network, providerId });
  };

  if (!host) return null;
  const applies = dir ? entriesFor(dir, host, network) : null;
  const open = !['removed', 'cancelled'].includes(c.state);
  return (
    <section className="card" aria-labelledby="correct-title" data-testid="trace-correction">
      <h2 id="correct-title">Correct the trace</h2>
      {applies && (
        <div data-testid="trace-applies">
          <h3>Directory entries for this host</h3>
          {!applies.cdnRule && !applies.hostOverride && !applies.networkOverride && (
            <p className="muted">None: the trace follows DNS, RDAP and the databases.</p>
          )}
          <ul className="applies">
            {applies.cdnRule && (
              <li data-testid="applies-cdn">
                CDN origin rule: <span className="url">{applies.cdnRule.host}</span> → <span className="url">{applies.cdnRule.origin}</span>
                {applies.cdnRule.providerId && ` (${providerName(dir!, applies.cdnRule.providerId)})`}
              </li>
            )}
            {applies.hostOverride && (
              <li data-testid="applies-host-override">
                Host override: <span className="url">{applies.hostOverride.host}</span> → {providerName(dir!, applies.hostOverride.providerId)}
                {applies.hostOverride.country && ` · ${applies.hostOverride.country}`}
              </li>
            )}
            {applies.networkOverride && (
              <li data-testid="applies-network-override">
                Network override: <span className="url">{applies.networkOverride.network}</span> → {providerName(dir!, applies.networkOverride.providerId)}
                {applies.networkOverride.country && ` · ${applies.networkOverride.country}`}
              </li>
            )}
          </ul>
        </div>
      )}
      {changed && open && (
        <div className="notice" role="status" data-testid="retrace-prompt">
          The directory changed. Trace the case again to use it (pending notices are withdrawn until it is routed again).{' '}
          <button type="button" disabled={busy} onClick={onRetrace} data-testid="correction-retrace">
            Re-trace now
          </button>
        </div>
      )}
      <ErrorNote error={error} testId="correction-error" />
      {open && dir && (
        <>
          <CdnRuleForm providers={dir.providers} host={host} busy={saving} onSave={(body) => void save('/cdn-rules', body)} testId="correct-cdn" />
          {senior && (
            <form className="card" onSubmit={submitOverride} aria-label="Host or network override" data-testid="correct-override">
              <h3>This host or network belongs to a provider</h3>
              <div className="fields">
                <label>
                  Applies to
                  <select value={scope} onChange={(e) => setScope(e.target.value as 'host' | 'network')} data-testid="correct-override-scope">
                    <option value="host">the host {host}</option>
                    {network && <option value="network">the network {network}</option>}
                  </select>
                </label>
                <ProviderSelect providers={dir.providers} value={providerId} onChange={setProviderId} testId="correct-override-provider" required />
              </div>
              <div className="actions">
                <button type="submit" disabled={saving || !providerId} data-testid="correct-override-save">
                  Save override
                </button>
                <Link to="/takedown/directory">Add a provider in the directory</Link>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
