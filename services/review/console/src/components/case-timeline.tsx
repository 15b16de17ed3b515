import type { CaseDetail } from '../takedown-types';

interface Entry {
  at: string;
  key: string;
  testId: string;
  kind: string;
  text: string;
}

function detailText(d: Record<string, unknown>): string {
  return Object.entries(d)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

/** Events, notices, checks and referrals of a case in one chronological list. */
export function CaseTimeline({ detail }: { detail: CaseDetail }) {
  const entries: Entry[] = [
    ...detail.events.map((e) => ({ at: e.at, key: `e${e.id}`, testId: 'timeline-event', kind: e.kind.replace(/_/g, ' '), text: detailText(e.details) })),
    ...detail.notices.map((n) => ({
      at: n.sentAt ?? n.dueAt,
      key: `n${n.noticeNumber}`,
      testId: 'timeline-notice',
      kind: `notice ${n.noticeNumber}`,
      text: `${n.level} → ${n.contact} · ${n.state}${n.sentAt ? '' : ` (due ${new Date(n.dueAt).toLocaleString()})`}`,
    })),
    ...detail.checks.map((c) => ({
      at: c.at,
      key: `c${c.checkNumber}`,
      testId: 'timeline-check',
      kind: `check ${c.checkNumber}`,
      text: `${c.outcome}${c.httpStatus ? ` · HTTP ${c.httpStatus}` : ''}${c.detail ? ` · ${c.detail}` : ''}`,
    })),
    ...detail.referrals.map((r) => ({
      at: r.sentAt ?? r.createdAt,
      key: `r${r.id}`,
      testId: 'timeline-referral',
      kind: `referral (${r.kind.replace(/_/g, ' ')})`,
      text: `${r.name}${r.country ? ` ${r.country}` : ''} via ${r.channel} · ${r.state}${r.keyId ? ` · signed with key ${r.keyId}` : ''}${r.error ? ` · ${r.error}` : ''}`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at)); // stable: same-time entries keep their recorded order
  return (
    <section aria-labelledby="timeline-title" data-testid="case-timeline">
      <h2 id="timeline-title">Timeline</h2>
      {entries.length === 0 ? (
        <p className="muted">Nothing happened yet.</p>
      ) : (
        <ol className="timeline">
          {entries.map((e) => (
            <li key={e.key} data-testid={e.testId}>
              <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> <strong>{e.kind}</strong> <span className="muted">{e.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
