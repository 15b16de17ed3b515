import type { Db } from '../db/db';
import { scrapeOutbox } from './outbox-gauges';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics: one registry per process (a library's own global registry would mix
 * the contexts of a test run). Every label value comes from a short fixed vocabulary — a topic, a group,
 * a route pattern, a reason class — never an id, a URL, a host or anything about a reporter.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests: Counter<'service' | 'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'service' | 'method' | 'route' | 'status'>;

  readonly busConsumed: Counter<'topic' | 'group'>;
  readonly busFailed: Counter<'topic' | 'group'>;
  readonly busRetried: Counter<'topic' | 'group'>;
  readonly busDeadLettered: Counter<'topic' | 'group'>;
  readonly busHandlerDuration: Histogram<'topic' | 'group'>;
  readonly kafkaLag: Gauge<'topic' | 'group' | 'partition'>;

  readonly outboxBacklog: Gauge;
  readonly outboxOldestAge: Gauge;

  readonly reportsAccepted: Counter<'source'>;
  readonly fetchOutcomes: Counter<'outcome' | 'reason_class'>;
  readonly contentsHashed: Counter;
  readonly hashFailures: Counter<'reason_class'>;
  readonly hashDuration: Histogram;
  readonly contentsMatched: Counter<'known'>;
  readonly reviewQueued: Counter<'known'>;
  readonly matcherIndexHashes: Gauge<'hash_type'>;
  readonly matcherLookupDuration: Histogram;

  private outboxScrape: (() => Promise<void>) | undefined;
  private outboxScraping: Promise<void> | undefined;

  /** `processName` is the deployable (`fetcher`, `hotline` for the all-in-one): the `process` label of every series. */
  constructor(processName: string) {
    const r = [this.registry];
    this.registry.setDefaultLabels({ process: processName });
    collectDefaultMetrics({ register: this.registry, prefix: 'hotline_' });
    const http = ['service', 'method', 'route', 'status'] as const;
    this.httpRequests = new Counter({
      name: 'hotline_http_requests_total',
      help: 'HTTP requests answered, by route pattern and status',
      labelNames: http,
      registers: r,
    });
    this.httpDuration = new Histogram({
      name: 'hotline_http_request_duration_seconds',
      help: 'HTTP request duration, by route pattern',
      labelNames: http,
      registers: r,
    });
    const bus = ['topic', 'group'] as const;
    this.busConsumed = new Counter({
      name: 'hotline_bus_events_consumed_total',
      help: 'Events a handler finished (incl. after retries)',
      labelNames: bus,
      registers: r,
    });
    this.busFailed = new Counter({
      name: 'hotline_bus_events_failed_total',
      help: 'Handler attempts that threw (outages included)',
      labelNames: bus,
      registers: r,
    });
    this.busRetried = new Counter({
      name: 'hotline_bus_events_retried_total',
      help: 'Handler attempts scheduled again after a failure',
      labelNames: bus,
      registers: r,
    });
    this.busDeadLettered = new Counter({
      name: 'hotline_bus_events_dead_lettered_total',
      help: 'Events dead-lettered (invalid, not retriable, or out of attempts)',
      labelNames: bus,
      registers: r,
    });
    this.busHandlerDuration = new Histogram({
      name: 'hotline_bus_handler_duration_seconds',
      help: 'Duration of one handler attempt',
      labelNames: bus,
      registers: r,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    });
    this.kafkaLag = new Gauge({
      name: 'hotline_kafka_consumer_lag',
      help: 'Messages behind the partition end after the last batch (Kafka only)',
      labelNames: ['topic', 'group', 'partition'],
      registers: r,
    });
    // The registry collects families concurrently: both outbox gauges wait for one shared query.
    const outbox = () => (this.outboxScraping ??= (this.outboxScrape?.() ?? Promise.resolve()).finally(() => (this.outboxScraping = undefined)));
    this.outboxBacklog = new Gauge({
      name: 'hotline_outbox_backlog',
      help: 'Rows waiting in the outbox (read at scrape time; NaN when the database is unreachable)',
      registers: r,
      collect: outbox,
    });
    this.outboxOldestAge = new Gauge({
      name: 'hotline_outbox_oldest_age_seconds',
      help: 'Age of the oldest outbox row (0 when empty; NaN when unreachable)',
      registers: r,
      collect: outbox,
    });
    this.reportsAccepted = new Counter({ name: 'hotline_reports_accepted_total', help: 'Reports committed, by source', labelNames: ['source'], registers: r });
    this.fetchOutcomes = new Counter({
      name: 'hotline_fetch_outcomes_total',
      help: 'Fetched items by outcome and reason class',
      labelNames: ['outcome', 'reason_class'],
      registers: r,
    });
    this.contentsHashed = new Counter({ name: 'hotline_contents_hashed_total', help: 'Contents hashed', registers: r });
    this.hashFailures = new Counter({
      name: 'hotline_hash_failures_total',
      help: 'Contents the hasher ended failed, by reason class',
      labelNames: ['reason_class'],
      registers: r,
    });
    this.hashDuration = new Histogram({
      name: 'hotline_hash_duration_seconds',
      help: 'Decoding and hashing one image',
      registers: r,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
    });
    this.contentsMatched = new Counter({
      name: 'hotline_contents_matched_total',
      help: 'Contents matched against the known lists, by whether anything matched',
      labelNames: ['known'],
      registers: r,
    });
    this.reviewQueued = new Counter({ name: 'hotline_review_queued_total', help: 'Items put in the review queue', labelNames: ['known'], registers: r });
    this.matcherIndexHashes = new Gauge({
      name: 'hotline_matcher_index_hashes',
      help: "Hashes in this matcher's in-memory index, by hash type",
      labelNames: ['hash_type'],
      registers: r,
    });
    this.matcherLookupDuration = new Histogram({
      name: 'hotline_matcher_lookup_duration_seconds',
      help: 'One content looked up in the in-memory index',
      registers: r,
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
    });
  }

  /** Reads the outbox gauges from this database at every scrape. */
  watchOutbox(db: Db): void {
    this.outboxScrape = () => scrapeOutbox(this, db);
  }

  /** The text exposition format (`text/plain; version=0.0.4`). */
  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

export function seconds(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e9;
}
