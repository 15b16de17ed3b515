import { useState, type FormEvent } from 'react';
import type { HostingProvider } from '../directory-types';
import { ProviderSelect } from './provider-select';

/**
 * "This host is behind a CDN; its origin is …". With `host` given (from a case) only the origin is asked for.
 */
export function CdnRuleForm({
  providers,
  host,
  busy,
  onSave,
  testId = 'cdn-form',
}: {
  providers: HostingProvider[];
  host?: string;
  busy: boolean;
  onSave: (body: Record<string, string | null>) => void;
  testId?: string;
}) {
  const [ownHost, setOwnHost] = useState('');
  const [origin, setOrigin] = useState('');
  const [providerId, setProviderId] = useState('');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ host: host ?? ownHost.trim(), origin: origin.trim(), providerId: providerId || null, note: note.trim() || null });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="New CDN origin rule" data-testid={testId}>
      <h3>{host ? 'This host is behind a CDN' : 'Add a CDN origin rule'}</h3>
      {host && (
        <p>
          <span className="url">{host}</span> is served through a CDN; its origin is:
        </p>
      )}
      <div className="fields">
        {!host && (
          <label>
            Host (cdn.example.com)
            <input required value={ownHost} onChange={(e) => setOwnHost(e.target.value)} data-testid={`${testId}-host`} />
          </label>
        )}
        <label>
          Origin (host name or IP address)
          <input required value={origin} onChange={(e) => setOrigin(e.target.value)} data-testid={`${testId}-origin`} />
        </label>
        <ProviderSelect providers={providers} value={providerId} onChange={setProviderId} testId={`${testId}-provider`} label="Origin’s provider (optional)" />
        <label>
          Note
          <input value={note} onChange={(e) => setNote(e.target.value)} data-testid={`${testId}-note`} />
        </label>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy} data-testid={`${testId}-save`}>
          Save CDN rule
        </button>
      </div>
    </form>
  );
}
