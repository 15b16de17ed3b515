import { useCallback, useEffect, useState } from 'react';
import { api, get } from '../api';
import { CdnRuleForm } from '../components/cdn-rule-form';
import { CachedContactsTable, CdnRulesTable, OverridesTable, ProvidersTable } from '../components/directory-tables';
import { ErrorNote } from '../components/error-note';
import { Link } from '../components/link';
import { OverrideForm } from '../components/override-form';
import { ProviderForm } from '../components/provider-form';
import { DIRECTORY_PATH, type Directory, type HostingProvider } from '../directory-types';
import type { User } from '../types';

/**
 * The provider directory the hosting trace consults. Seniors keep providers and overrides and forget cached RDAP
 * answers; analysts add CDN origin rules (also from a case). The server checks every role again.
 */
export function TakedownDirectoryScreen({ user }: { user: User }) {
  const [dir, setDir] = useState<Directory | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<HostingProvider | null>(null);
  // A new key empties a form after it was saved.
  const [formKey, setFormKey] = useState(0);
  const senior = user.role === 'senior' || user.role === 'admin';

  const load = useCallback(() => get<Directory>(DIRECTORY_PATH).then(setDir), []);
  useEffect(() => {
    load().catch(setError);
  }, [load]);

  async function change(method: string, path: string, body?: unknown, confirmText?: string): Promise<void> {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setError(null);
    try {
      await api(method, `${DIRECTORY_PATH}${path}`, body);
      setEditing(null);
      setFormKey((k) => k + 1);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="directory-title" data-testid="directory-view">
      <div className="toolbar">
        <h1 id="directory-title">Provider directory</h1>
        <Link to="/takedown">Cases</Link>
        <Link to="/takedown/statistics">Statistics</Link>
      </div>
      <ErrorNote error={error} testId="directory-error" />
      {!dir ? (
        !error && <p className="loading">Loading the directory…</p>
      ) : (
        <>
          <h2>Providers</h2>
          <ProvidersTable
            dir={dir}
            senior={senior}
            busy={busy}
            onEdit={(p) => setEditing(p)}
            onDelete={(p) => void change('DELETE', `/providers/${encodeURIComponent(p.id)}`, undefined, `Delete ${p.name} from the directory?`)}
          />
          {senior && (
            <ProviderForm
              key={`${editing?.id ?? 'new'}-${formKey}`}
              editing={editing}
              busy={busy}
              onCancel={() => setEditing(null)}
              onSave={(body) => void (editing ? change('PUT', `/providers/${encodeURIComponent(editing.id)}`, body) : change('POST', '/providers', body))}
            />
          )}
          <h2>Overrides</h2>
          <p className="muted">An override outranks RDAP and the country and AS databases for its network or host.</p>
          <OverridesTable dir={dir} senior={senior} busy={busy} onDelete={(id) => void change('DELETE', `/overrides/${encodeURIComponent(id)}`)} />
          {senior && <OverrideForm key={`o-${formKey}`} providers={dir.providers} busy={busy} onSave={(body) => void change('POST', '/overrides', body)} />}
          <h2>CDN origin rules</h2>
          <CdnRulesTable dir={dir} busy={busy} onDelete={(id) => void change('DELETE', `/cdn-rules/${encodeURIComponent(id)}`)} />
          <CdnRuleForm key={`c-${formKey}`} providers={dir.providers} busy={busy} onSave={(body) => void change('POST', '/cdn-rules', body)} />
          <h2>Cached contacts</h2>
          <p className="muted">RDAP answers kept so one network is not asked again soon; forget one to have the next trace ask the registry again.</p>
          <CachedContactsTable dir={dir} senior={senior} busy={busy} onForget={(key) => void change('DELETE', `/cached-contacts/${encodeURIComponent(key)}`)} />
        </>
      )}
    </section>
  );
}
