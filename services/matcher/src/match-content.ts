import { describeError, type ContentHashed, type Match } from '@hotline/platform';
import { PDQ_WEAK_QUALITY } from '@hotline/hashing';
import { KnownIndex } from './known-index';
import { KnownVideoIndex } from './video-index';
import { recordMatchRun } from './record-match-run';
import type { MatcherContext } from './config';

/**
 * Matches hashed content against the enabled known-hash lists. The index is loaded once; list
 * changes (imports, disabled false positives) are applied as deltas every MATCH_REFRESH_MS. The
 * video lists' frame index (for match-video.ts) is loaded beside it and rebuilt on the same timer
 * when the video lists changed.
 */
export class Matcher {
  readonly index: KnownIndex;
  readonly videoIndex: KnownVideoIndex;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly ctx: MatcherContext) {
    this.index = new KnownIndex(ctx.cfg.MATCH_PDQ_WEAK);
    this.videoIndex = new KnownVideoIndex(ctx.cfg.MATCH_PDQ_WEAK ? 0 : PDQ_WEAK_QUALITY);
  }

  async start(): Promise<void> {
    const t0 = Date.now();
    await this.index.load(this.ctx.db);
    this.ctx.logger.info({ hashes: this.index.size, ms: Date.now() - t0 }, 'known-hash index loaded');
    this.publishIndexSize();
    const t1 = Date.now();
    await this.videoIndex.load(this.ctx.db);
    this.ctx.logger.info({ frames: this.videoIndex.frames, videos: this.videoIndex.videos, ms: Date.now() - t1 }, 'known-video index loaded');
    this.timer = setInterval(() => void this.refresh(), this.ctx.cfg.MATCH_REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Serialised: one refresh at a time. Each index's failure is logged and retried at the next tick, apart from the other's. */
  refresh(): Promise<void> {
    this.refreshing ??= this.applyHashChanges()
      .then(() => this.refreshVideoIndex())
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private applyHashChanges(): Promise<void> {
    return this.index
      .applyChanges(this.ctx.db)
      .then((n) => {
        if (n === 0) return;
        this.ctx.logger.info({ changes: n, hashes: this.index.size }, 'known-hash changes applied');
        this.publishIndexSize();
      })
      .catch((err) => this.ctx.logger.error({ reason: describeError(err) }, 'applying known-hash changes failed; will retry'));
  }

  private refreshVideoIndex(): Promise<void> {
    const t0 = Date.now();
    return this.videoIndex
      .refresh(this.ctx.db)
      .then((rebuilt) => {
        if (!rebuilt) return;
        this.ctx.logger.info({ frames: this.videoIndex.frames, videos: this.videoIndex.videos, ms: Date.now() - t0 }, 'known-video index rebuilt');
      })
      .catch((err) => this.ctx.logger.error({ reason: describeError(err) }, 'rebuilding the known-video index failed; will retry'));
  }

  private publishIndexSize(): void {
    for (const [type, n] of this.index.sizes()) this.ctx.metrics.matcherIndexHashes.set({ hash_type: type }, n);
  }

  /**
   * Idempotent by content id: `match_runs` admits each content once. Every match goes to the
   * `matches` table; the event carries the best MATCH_MAX_PER_EVENT and the count, so an image that
   * hits thousands of near-duplicate known hashes still makes a small message.
   */
  async handle(ev: ContentHashed): Promise<void> {
    const cfg = this.ctx.cfg;
    const endLookup = this.ctx.metrics.matcherLookupDuration.startTimer();
    const matches = this.index
      .match(ev, { blockhash: cfg.MATCH_BLOCKHASH_MAX_DISTANCE, pdq: cfg.MATCH_PDQ_MAX_DISTANCE, weakPdq: cfg.MATCH_PDQ_WEAK })
      .sort(byDistanceThenList);
    endLookup();
    const recorded = await recordMatchRun(this.ctx.db, ev, matches, matches, cfg.MATCH_MAX_PER_EVENT);
    if (recorded) {
      this.ctx.metrics.contentsMatched.inc({ known: String(matches.length > 0) });
      this.ctx.logger.info(
        { contentId: ev.contentId, reportId: ev.reportId, matches: matches.length, bestDistance: matches[0]?.distance ?? null, known: matches.length > 0 },
        'content matched',
      );
    }
    this.ctx.relay.kick();
  }
}

/** The order in which matches are worth an analyst's time: closest first, then by list (stable across runs). */
function byDistanceThenList(a: Match, b: Match): number {
  return (
    a.distance - b.distance || a.listName.localeCompare(b.listName) || a.hashType.localeCompare(b.hashType) || Number(a.knownHashId) - Number(b.knownHashId)
  );
}
