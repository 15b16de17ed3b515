import { useState, type FormEvent } from 'react';
import type { HostingProvider } from '../directory-types';
import { ProviderSelect } from './provider-select';

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** An override of a network (CIDR) or a host (example.com, *.example.com): provider, country and/or ASN. */
export function OverrideForm({
  providers,
  busy,
  onSave,
}: {
  providers: HostingProvider[];
  busy: boolean;
  onSave: (body: Record<string, string | null>) => void;
}) {
  const [kind, setKind] = useState<'network' | 'host'>('network');
  const [target, setTarget] = useState('');
  const [providerId, setProviderId] = useState('');
  const [country, setCountry] = useState('');
  const [asn, setAsn] = useState('');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ [kind]: target.trim(), providerId: orNull(providerId), country: orNull(country), asn: orNull(asn), note: orNull(note) });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="New override" data-testid="override-form">
      <h3>Add an override</h3>
      <div className="fields">
        <label>
          Applies to
          <select value={kind} onChange={(e) => setKind(e.target.value as 'network' | 'host')} data-testid="override-kind">
            <option value="network">a network (CIDR)</option>
            <option value="host">a host</option>
          </select>
        </label>
        <label>
          {kind === 'network' ? 'Network (192.0.2.0/24)' : 'Host (example.com, *.example.com)'}
          <input required value={target} onChange={(e) => setTarget(e.target.value)} data-testid="override-target" />
        </label>
        <ProviderSelect providers={providers} value={providerId} onChange={setProviderId} testId="override-provider" />
        <label>
          Country
          <input value={country} onChange={(e) => setCountry(e.target.value)} data-testid="override-country" />
        </label>
        <label>
          ASN
          <input value={asn} onChange={(e) => setAsn(e.target.value)} data-testid="override-asn" />
        </label>
        <label>
          Note
          <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="override-note" />
        </label>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="override-save">
          Add override
        </button>
      </div>
    </form>
  );
}
