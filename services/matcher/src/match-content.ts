import { contentMatched, enqueueEvent, type ContentHashed, type ServiceContext } from '@hotline/shared';
import { HashIndex } from './hash-index';
import { currentRevision, loadEnabledHashes } from './known-hashes';

/**
 * Matches hashed content against the enabled known-hash lists. The index is rebuilt when the lists'
 * revision changes (checked per event, one tiny query), so an import or a disabled false positive
 * takes effect for the next content.
 */
export class Matcher {
  private index: HashIndex | undefined;
  private revision: string | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly ctx: ServiceContext) {}

  async refresh(): Promise<HashIndex> {
    const rev = await currentRevision(this.ctx.db);
    if (rev !== this.revision || !this.index) {
      this.loading ??= (async () => {
        const known = await loadEnabledHashes(this.ctx.db);
        this.index = new HashIndex(known);
        this.revision = rev;
        this.ctx.logger.info({ revision: rev, hashes: known.length }, 'known-hash index loaded');
      })().finally(() => (this.loading = undefined));
      await this.loading;
    }
    return this.index!;
  }

  /** Idempotent by content id: `match_runs` admits each content once. */
  async handle(ev: ContentHashed): Promise<void> {
    const index = await this.refresh();
    const matches = index.match(ev.hashes, this.ctx.cfg.MATCH_BLOCKHASH_MAX_DISTANCE);
    await this.ctx.db.transaction(async (tx) => {
      const run = await tx.query(
        'INSERT INTO match_runs (content_id, match_count) VALUES ($1, $2) ON CONFLICT (content_id) DO NOTHING',
        [ev.contentId, matches.length],
      );
      if (run.rowCount === 0) return;
      for (const m of matches) {
        await tx.query(
          `INSERT INTO matches (content_id, known_hash_id, list_name, list_source, hash_type, distance, category)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (content_id, known_hash_id) DO NOTHING`,
          [ev.contentId, m.knownHashId, m.listName, m.listSource, m.hashType, m.distance, m.category],
        );
      }
      await enqueueEvent(tx, contentMatched, { contentId: ev.contentId, reportId: ev.reportId, matches });
    });
    this.ctx.relay.kick();
  }
}
