import { humanAge, providerName, type Directory, type HostingProvider } from '../directory-types';
import { RecordTable } from './record-table';

// The four tables of the directory. Hosts, networks and addresses are text, never links.

const when = (iso: string) => new Date(iso).toLocaleString();
const dash = (v: string | number | null) => (v === null || v === '' ? '—' : v);

function RowButton({ label, busy, testId, onClick }: { label: string; busy: boolean; testId: string; onClick: () => void }) {
  return (
    <button type="button" className="secondary" disabled={busy} onClick={onClick} data-testid={testId}>
      {label}
    </button>
  );
}

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
  return (
    <RecordTable
      rows={dir.providers}
      rowKey={(p) => p.id}
      testId="directory-providers"
      rowTestId="provider-row"
      empty="No providers yet."
      columns={[
        { header: 'Name', cell: (p) => p.name },
        { header: 'Abuse address', cell: (p) => dash(p.abuseEmail), className: 'url' },
        { header: 'Language', cell: (p) => dash(p.language) },
        { header: 'Country', cell: (p) => dash(p.country) },
        { header: 'ASN', cell: (p) => dash(p.asn) },
        { header: 'Upstream address', cell: (p) => dash(p.upstreamAbuseEmail), className: 'url' },
        { header: 'Note', cell: (p) => dash(p.note) },
        { header: 'Updated', cell: (p) => when(p.updatedAt) },
      ]}
      actions={
        senior
          ? (p) => (
              <>
                <RowButton label="Edit" busy={busy} testId="provider-edit" onClick={() => onEdit(p)} />
                <RowButton label="Delete" busy={busy} testId="provider-delete" onClick={() => onDelete(p)} />
              </>
            )
          : undefined
      }
    />
  );
}

export function OverridesTable({ dir, senior, busy, onDelete }: { dir: Directory; senior: boolean; busy: boolean; onDelete: (id: string) => void }) {
  return (
    <RecordTable
      rows={dir.overrides}
      rowKey={(o) => o.id}
      testId="directory-overrides"
      rowTestId="override-row"
      empty="No overrides."
      columns={[
        { header: 'Network or host', cell: (o) => o.network ?? o.host, className: 'url' },
        { header: 'Provider', cell: (o) => providerName(dir, o.providerId) },
        { header: 'Country', cell: (o) => dash(o.country) },
        { header: 'ASN', cell: (o) => dash(o.asn) },
        { header: 'Note', cell: (o) => dash(o.note) },
        { header: 'Set', cell: (o) => when(o.createdAt) },
      ]}
      actions={senior ? (o) => <RowButton label="Delete" busy={busy} testId="override-delete" onClick={() => onDelete(o.id)} /> : undefined}
    />
  );
}

export function CdnRulesTable({ dir, busy, onDelete }: { dir: Directory; busy: boolean; onDelete: (id: string) => void }) {
  return (
    <RecordTable
      rows={dir.cdnRules}
      rowKey={(r) => r.id}
      testId="directory-cdn-rules"
      rowTestId="cdn-row"
      empty="No CDN origin rules."
      columns={[
        { header: 'Host', cell: (r) => r.host, className: 'url' },
        { header: 'Origin', cell: (r) => r.origin, className: 'url' },
        { header: 'Provider', cell: (r) => providerName(dir, r.providerId) },
        { header: 'Note', cell: (r) => dash(r.note) },
        { header: 'Set', cell: (r) => when(r.createdAt) },
      ]}
      actions={(r) => <RowButton label="Delete" busy={busy} testId="cdn-delete" onClick={() => onDelete(r.id)} />}
    />
  );
}

export function CachedContactsTable({ dir, senior, busy, onForget }: { dir: Directory; senior: boolean; busy: boolean; onForget: (key: string) => void }) {
  return (
    <RecordTable
      rows={dir.cachedContacts}
      rowKey={(c) => c.key}
      testId="directory-cached"
      rowTestId="cached-row"
      empty="No cached RDAP answers."
      columns={[
        { header: 'Key', cell: (c) => c.key, className: 'url' },
        { header: 'Network', cell: (c) => dash(c.network), className: 'url' },
        { header: 'Abuse address', cell: (c) => dash(c.abuseEmail), className: 'url' },
        { header: 'Name', cell: (c) => dash(c.name) },
        { header: 'Country', cell: (c) => dash(c.country) },
        { header: 'Age', cell: (c) => humanAge(c.ageSeconds), testId: 'cached-age', title: (c) => when(c.fetchedAt) },
      ]}
      actions={senior ? (c) => <RowButton label="Forget" busy={busy} testId="cached-forget" onClick={() => onForget(c.key)} /> : undefined}
    />
  );
}
