import { contentMatched, describeError, enqueueEvent, type ContentHashed, type ServiceContext } from '@hotline/shared';
import { KnownIndex } from './known-index';

/**
 * Matches hashed content against the enabled known-hash lists. The index is loaded once; list
 * changes (imports, disabled false positives) are applied as deltas every MATCH_REFRESH_MS.
 */
export class Matcher {
  readonly index: KnownIndex;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly ctx: ServiceContext) {
    this.index = new KnownIndex(ctx.cfg.MATCH_PDQ_WEAK);
  }

  async start(): Promise<void> {
    const t0 = Date.now();
    await this.index.load(this.ctx.db);
    this.ctx.logger.info({ hashes: this.index.size, ms: Date.now() - t0 }, 'known-hash index loaded');
    this.timer = setInterval(() => void this.refresh(), this.ctx.cfg.MATCH_REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Serialised: one delta application at a time. */
  refresh(): Promise<void> {
    this.refreshing ??= this.index
      .applyChanges(this.ctx.db)
      .then((n) => {
        if (n > 0) this.ctx.logger.info({ changes: n, hashes: this.index.size }, 'known-hash changes applied');
      })
      .catch((err) => this.ctx.logger.error({ reason: describeError(err) }, 'applying known-hash changes failed; will retry'))
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Idempotent by content id: `match_runs` admits each content once. */
  async handle(ev: ContentHashed): Promise<void> {
    const cfg = this.ctx.cfg;
    const matches = this.index.match(ev, { blockhash: cfg.MATCH_BLOCKHASH_MAX_DISTANCE, pdq: cfg.MATCH_PDQ_MAX_DISTANCE, weakPdq: cfg.MATCH_PDQ_WEAK });
    await this.ctx.db.transaction(async (tx) => {
      const run = await tx.query('INSERT INTO match_runs (content_id, match_count) VALUES ($1, $2) ON CONFLICT (content_id) DO NOTHING', [
        ev.contentId,
        matches.length,
      ]);
      if (run.rowCount === 0) return;
      for (const m of matches) {
        await tx.query(
          `INSERT INTO matches (content_id, known_hash_id, list_name, list_source, hash_type, distance, category, variant)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (content_id, known_hash_id) DO NOTHING`,
          [ev.contentId, m.knownHashId, m.listName, m.listSource, m.hashType, m.distance, m.category, m.variant],
        );
      }
      await enqueueEvent(tx, contentMatched, { contentId: ev.contentId, reportId: ev.reportId, matches });
    });
    this.ctx.relay.kick();
  }
}
