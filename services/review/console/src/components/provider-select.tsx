import type { HostingProvider } from '../directory-types';

/** A provider of the directory, or none. */
export function ProviderSelect({
  providers,
  value,
  onChange,
  testId,
  label = 'Provider',
  required = false,
}: {
  providers: HostingProvider[];
  value: string;
  onChange: (id: string) => void;
  testId: string;
  label?: string;
  required?: boolean;
}) {
  return (
    <label>
      {label}
      <select value={value} required={required} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{required ? 'Choose a provider…' : '— none —'}</option>
        {providers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.abuseEmail ? ` (${p.abuseEmail})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
