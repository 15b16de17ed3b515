import { sameHosting, traceHosting, type HostingTrace } from '@hotline/hosting-trace';
import { addEvent, getCase, lockCase, recordTrace, type TakedownCase } from '@hotline/takedown';
import type { TakedownContext } from './config';
import type { TakedownDeps } from './deps';
import { routeTracedCase } from './routing';

export function traceOf(ctx: TakedownContext, url: string): Promise<HostingTrace> {
  return traceHosting(ctx.db, url, { cfg: ctx.cfg, clock: ctx.clock, allowHosts: ctx.cfg.FETCH_ALLOW_HOSTS, logger: ctx.logger });
}

/** Where a trace is kept on its case: the whole trace, and the columns the statistics group by. */
export function traceFields(t: HostingTrace) {
  return {
    trace: t as unknown as Record<string, unknown>,
    country: t.country,
    asn: t.asn,
    providerName: t.provider.name ?? t.asName,
    abuseEmail: t.abuse.email,
  };
}

/** `takedown.trace`: trace the hosting (network work, outside any transaction), then record and route it at once. */
export async function traceCase(ctx: TakedownContext, deps: TakedownDeps, caseId: string): Promise<void> {
  const before = await getCase(ctx.db, caseId);
  if (!before || before.state !== 'tracing') return;
  const trace = await traceOf(ctx, before.url);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const c = await lockCase(tx, caseId);
    if (!c || c.state !== 'tracing') return; // another run got there first
    await recordTrace(tx, caseId, traceFields(trace), now);
    await addEvent(tx, caseId, 'traced', traceSummary(trace, c), now);
    await routeTracedCase(tx, deps, c, trace, now);
  });
  ctx.logger.info({ caseId, country: trace.country, asn: trace.asn, traced: trace.error === null }, 'takedown case traced');
}

/** The timeline's view of a trace: the hosting facts and, after a re-trace, whether it moved. */
export function traceSummary(t: HostingTrace, c: TakedownCase): Record<string, unknown> {
  const previous = c.trace as HostingTrace | null;
  return {
    ip: t.ip,
    country: t.country,
    asn: t.asn,
    provider: t.provider.name ?? t.asName,
    abuse: t.abuse.email,
    abuseSource: t.abuse.source,
    cdn: t.cdn,
    error: t.error,
    ...(previous ? { moved: !sameHosting(previous, t) } : {}),
  };
}
