import { useState, type FormEvent } from 'react';
import type { HostingProvider } from '../directory-types';

type ProviderFields = Record<'name' | 'abuseEmail' | 'language' | 'country' | 'asn' | 'upstreamAbuseEmail' | 'note', string>;

const FIELDS: Array<[keyof ProviderFields, string]> = [
  ['name', 'Name'],
  ['abuseEmail', 'Abuse address'],
  ['language', 'Language (nl, de, …)'],
  ['country', 'Country (NL, DE, …)'],
  ['asn', 'ASN'],
  ['upstreamAbuseEmail', 'Upstream abuse address'],
  ['note', 'Note'],
];

const fromProvider = (p: HostingProvider | null): ProviderFields => ({
  name: p?.name ?? '',
  abuseEmail: p?.abuseEmail ?? '',
  language: p?.language ?? '',
  country: p?.country ?? '',
  asn: p?.asn === null || p?.asn === undefined ? '' : String(p.asn),
  upstreamAbuseEmail: p?.upstreamAbuseEmail ?? '',
  note: p?.note ?? '',
});

/** Adds a provider, or edits the one given; empty fields are sent as null (the server checks every value). */
export function ProviderForm({
  editing,
  busy,
  onSave,
  onCancel,
}: {
  editing: HostingProvider | null;
  busy: boolean;
  onSave: (body: Record<string, string | null>) => void;
  onCancel: () => void;
}) {
  const [fields, setFields] = useState<ProviderFields>(() => fromProvider(editing));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.trim() === '' ? null : v.trim()])));
  };
  return (
    <form className="card" onSubmit={submit} aria-label={editing ? `Edit ${editing.name}` : 'New provider'} data-testid="provider-form">
      <h3>{editing ? `Edit ${editing.name}` : 'Add a provider'}</h3>
      <div className="fields">
        {FIELDS.map(([key, label]) => (
          <label key={key}>
            {label}
            <input
              value={fields[key]}
              required={key === 'name'}
              onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
              data-testid={`provider-${key}`}
            />
          </label>
        ))}
      </div>
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="provider-save">
          {editing ? 'Save changes' : 'Add provider'}
        </button>
        {editing && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
