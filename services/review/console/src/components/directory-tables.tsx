import { humanAge, providerName, type Directory, type HostingProvider } from '../directory-types';

// The four tables of the directory. Hosts, networks and addresses are text, never links.

const when = (iso: string) => new Date(iso).toLocaleString();
const dash = (v: string | number | null) => (v === null || v === '' ? '—' : v);

export function ProvidersTable({
  dir,
  senior,
  busy,
  onEdit,
  onDelete,
}: {
  dir: Directory;
  senior: boolean;
  busy: boolean;
  onEdit: (p: HostingProvider) => void;
  onDelete: (p: HostingProvider) => void;
}) {
  if (dir.providers.length === 0) return <p className="muted">No providers yet.</p>;
  return (
    <table data-testid="directory-providers">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Abuse address</th>
          <th scope="col">Language</th>
          <th scope="col">Country</th>
          <th scope="col">ASN</th>
          <th scope="col">Upstream address</th>
          <th scope="col">Note</th>
          <th scope="col">Updated</th>
          {senior && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {dir.providers.map((p) => (
          <tr key={p.id} data-testid="provider-row">
            <td>{p.name}</td>
            <td className="url">{dash(p.abuseEmail)}</td>
            <td>{dash(p.language)}</td>
            <td>{dash(p.country)}</td>
            <td>{dash(p.asn)}</td>
            <td className="url">{dash(p.upstreamAbuseEmail)}</td>
            <td>{dash(p.note)}</td>
            <td>{when(p.updatedAt)}</td>
            {senior && (
              <td className="row-actions">
                <button type="button" className="secondary" disabled={busy} onClick={() => onEdit(p)} data-testid="provider-edit">
                  Edit
                </button>
                <button type="button" className="secondary" disabled={busy} onClick={() => onDelete(p)} data-testid="provider-delete">
                  Delete
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OverridesTable({ dir, senior, busy, onDelete }: { dir: Directory; senior: boolean; busy: boolean; onDelete: (id: string) => void }) {
  if (dir.overrides.length === 0) return <p className="muted">No overrides.</p>;
  return (
    <table data-testid="directory-overrides">
      <thead>
        <tr>
          <th scope="col">Network or host</th>
          <th scope="col">Provider</th>
          <th scope="col">Country</th>
          <th scope="col">ASN</th>
          <th scope="col">Note</th>
          <th scope="col">Set</th>
          {senior && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {dir.overrides.map((o) => (
          <tr key={o.id} data-testid="override-row">
            <td className="url">{o.network ?? o.host}</td>
            <td>{providerName(dir, o.providerId)}</td>
            <td>{dash(o.country)}</td>
            <td>{dash(o.asn)}</td>
            <td>{dash(o.note)}</td>
            <td>{when(o.createdAt)}</td>
            {senior && (
              <td>
                <button type="button" className="secondary" disabled={busy} onClick={() => onDelete(o.id)} data-testid="override-delete">
                  Delete
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CdnRulesTable({ dir, busy, onDelete }: { dir: Directory; busy: boolean; onDelete: (id: string) => void }) {
  if (dir.cdnRules.length === 0) return <p className="muted">No CDN origin rules.</p>;
  return (
    <table data-testid="directory-cdn-rules">
      <thead>
        <tr>
          <th scope="col">Host</th>
          <th scope="col">Origin</th>
          <th scope="col">Provider</th>
          <th scope="col">Note</th>
          <th scope="col">Set</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {dir.cdnRules.map((r) => (
          <tr key={r.id} data-testid="cdn-row">
            <td className="url">{r.host}</td>
            <td className="url">{r.origin}</td>
            <td>{providerName(dir, r.providerId)}</td>
            <td>{dash(r.note)}</td>
            <td>{when(r.createdAt)}</td>
            <td>
              <button type="button" className="secondary" disabled={busy} onClick={() => onDelete(r.id)} data-testid="cdn-delete">
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CachedContactsTable({ dir, senior, busy, onForget }: { dir: Directory; senior: boolean; busy: boolean; onForget: (key: string) => void }) {
  if (dir.cachedContacts.length === 0) return <p className="muted">No cached RDAP answers.</p>;
  return (
    <table data-testid="directory-cached">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Network</th>
          <th scope="col">Abuse address</th>
          <th scope="col">Name</th>
          <th scope="col">Country</th>
          <th scope="col">Age</th>
          {senior && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {dir.cachedContacts.map((c) => (
          <tr key={c.key} data-testid="cached-row">
            <td className="url">{c.key}</td>
            <td className="url">{dash(c.network)}</td>
            <td className="url">{dash(c.abuseEmail)}</td>
            <td>{dash(c.name)}</td>
            <td>{dash(c.country)}</td>
            <td data-testid="cached-age" title={when(c.fetchedAt)}>
              {humanAge(c.ageSeconds)}
            </td>
            {senior && (
              <td>
                <button type="button" className="secondary" disabled={busy} onClick={() => onForget(c.key)} data-testid="cached-forget">
                  Forget
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
