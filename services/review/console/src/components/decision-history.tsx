import type { RecordedDecision, User } from '../types';

const STAGE_LABELS: Record<string, string> = {
  first: 'First decision',
  second: 'Second decision',
  senior: 'Senior decision',
  revision: 'Revision',
};

const words = (s: string) => s.replace(/_/g, ' ');

/** Who decided, as far as the console may say: the caller's own decisions are "you", others an account number. */
function decider(d: RecordedDecision, user: User): string {
  if (d.decidedBy === user.id) return 'you';
  if (d.username) return d.username;
  return d.decidedBy ? `analyst ${d.decidedBy.slice(0, 8)}` : 'an analyst';
}

export function DecisionCard({ d, user, testId }: { d: RecordedDecision; user: User; testId?: string }) {
  return (
    <div className="decision-card" data-testid={testId} data-stage={d.stage}>
      <h3>{STAGE_LABELS[d.stage ?? 'first'] ?? 'Decision'}</h3>
      <p>
        <strong data-testid="decision-verdict">{words(d.verdict)}</strong>
        {d.iwfCategory ? ` · IWF ${d.iwfCategory}` : ''}
        {d.industry ? ` · ${d.industry}` : ''}
      </p>
      <dl className="facts">
        {d.ageGroup && (
          <>
            <dt>Age group</dt>
            <dd>{words(d.ageGroup)}</dd>
          </>
        )}
        {d.contentType && (
          <>
            <dt>Content type</dt>
            <dd>{words(d.contentType)}</dd>
          </>
        )}
        {d.siteType && (
          <>
            <dt>Site type</dt>
            <dd>{words(d.siteType)}</dd>
          </>
        )}
      </dl>
      {d.note && <p className="note">{d.note}</p>}
      <p className="muted">
        by {decider(d, user)}
        {d.createdAt ? ` · ${new Date(d.createdAt).toLocaleString()}` : ''}
        {d.bulkReportId ? ' · bulk decision of the report' : ''}
      </p>
    </div>
  );
}

/** A disputed item: the two analysts' decisions next to each other, for the senior who settles it. */
export function DisputedDecisions({ decisions, user }: { decisions: RecordedDecision[]; user: User }) {
  const first = decisions.find((d) => d.stage === 'first') ?? decisions[0];
  const second = decisions.find((d) => d.stage === 'second') ?? decisions[1];
  return (
    <section aria-labelledby="disputed-title" data-testid="disputed-decisions">
      <h2 id="disputed-title">Disputed: the two analysts disagreed</h2>
      <p className="muted">Your decision as a senior analyst settles it.</p>
      <div className="side-by-side">
        {first && <DecisionCard d={first} user={user} testId="disputed-first" />}
        {second && <DecisionCard d={second} user={user} testId="disputed-second" />}
      </div>
    </section>
  );
}

/** Every decision on the item in order (first, second, senior, revisions). */
export function DecisionHistory({ decisions, user }: { decisions: RecordedDecision[]; user: User }) {
  if (decisions.length === 0) return null;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Decision history</h2>
      <ol className="decision-history" data-testid="decision-history">
        {decisions.map((d, i) => (
          <li key={d.id ?? i}>
            <DecisionCard d={d} user={user} />
          </li>
        ))}
      </ol>
    </section>
  );
}
