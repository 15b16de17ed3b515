import type { TakedownCase } from '../takedown-types';

const SOURCES: Record<string, string> = {
  override: 'directory override',
  cdn_rule: 'CDN origin rule',
  directory: 'provider directory',
  rdap: 'RDAP',
  rdap_cache: 'RDAP (cached)',
  none: 'not found',
};

/** Where the URL is hosted and whom the notices go to, as the last trace found it. Text only: no link leads out. */
export function CaseTrace({ c }: { c: TakedownCase }) {
  const t = c.trace;
  const abuseSource = t?.abuse?.source;
  return (
    <section className="card" aria-labelledby="trace-title" data-testid="case-trace">
      <h2 id="trace-title">Hosting trace</h2>
      {!t ? (
        <p className="muted">Not traced yet.</p>
      ) : (
        <dl className="facts">
          <dt>Host</dt>
          <dd className="url">{t.host ?? '—'}</dd>
          <dt>IP address</dt>
          <dd data-testid="trace-ip">{t.ip ?? '—'}</dd>
          <dt>Network</dt>
          <dd>{t.network ?? '—'}</dd>
          <dt>Country</dt>
          <dd data-testid="trace-country">
            {c.country ?? t.country ?? 'unknown'}
            {t.countrySource && <span className="muted"> (from {t.countrySource})</span>}
          </dd>
          <dt>ASN</dt>
          <dd data-testid="trace-asn">
            {c.asn ?? t.asn ?? '—'}
            {t.asName && <span className="muted"> {t.asName}</span>}
          </dd>
          <dt>Provider</dt>
          <dd data-testid="trace-provider">{c.providerName ?? t.provider?.name ?? 'unknown'}</dd>
          <dt>Abuse contact</dt>
          <dd data-testid="trace-abuse">
            {c.abuseEmail ?? t.abuse?.email ?? 'none found'}
            {abuseSource && (
              <span className="muted" data-testid="trace-abuse-source">
                {' '}
                from {SOURCES[abuseSource] ?? abuseSource}
                {t.abuse?.fetchedAt && `, ${new Date(t.abuse.fetchedAt).toLocaleDateString()}`}
              </span>
            )}
          </dd>
          {t.upstreamAbuseEmail && (
            <>
              <dt>Upstream contact</dt>
              <dd>{t.upstreamAbuseEmail}</dd>
            </>
          )}
          <dt>CDN origin</dt>
          <dd className="url" data-testid="trace-cdn">
            {t.cdn ? `${t.cdn.host} → ${t.cdn.origin}` : 'no CDN'}
          </dd>
          <dt>Language</dt>
          <dd>{t.language ?? '—'}</dd>
          <dt>Traced</dt>
          <dd>{c.tracedAt ? new Date(c.tracedAt).toLocaleString() : '—'}</dd>
          {t.error && (
            <>
              <dt>Trace error</dt>
              <dd className="error">{t.error}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
