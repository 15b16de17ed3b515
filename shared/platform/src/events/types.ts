import { z } from 'zod';
import { defineEvent } from './envelope';

const uuid = z.string().uuid();
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/** One reported URL, ready to be fetched. Published by intake-web (through its outbox). */
export const urlReported = defineEvent(
  'url.reported',
  1,
  z.object({
    reportId: uuid,
    itemId: uuid,
    url: z.string().url().max(2048),
    /** `chat` is kept for events written before the chat platforms had their own names (migration 0009). */
    source: z.enum(['web', 'chat', 'telegram', 'whatsapp', 'viber', 'signal']),
    receivedAt: z.string().datetime(),
  }),
  (d) => d.itemId,
);
export type UrlReported = z.infer<typeof urlReported.schema>;

/** Bytes are in the encrypted content store under `blobKey`; they never travel on the bus. */
export const contentFetched = defineEvent(
  'content.fetched',
  1,
  z.object({
    contentId: uuid,
    reportId: uuid,
    itemId: uuid.nullable(),
    origin: z.enum(['url', 'linked', 'upload']),
    sourceUrl: z.string().max(4096).nullable(),
    blobKey: z.string().min(1),
    mime: z.string(),
    byteSize: z.number().int().nonnegative(),
  }),
  (d) => d.contentId,
);
export type ContentFetched = z.infer<typeof contentFetched.schema>;

export const HASH_TYPES = ['md5', 'sha1', 'sha256', 'blockhash', 'pdq'] as const;
export type HashType = (typeof HASH_TYPES)[number];

export const imageHashesSchema = z.object({
  md5: hex(16),
  sha1: hex(20),
  sha256: hex(32),
  blockhash: hex(32),
  pdq: hex(32),
});
export type ImageHashes = z.infer<typeof imageHashesSchema>;

export const PDQ_VARIANTS = ['original', 'rotate90', 'rotate180', 'rotate270', 'flipX', 'flipY', 'flipPlusOne', 'flipMinusOne'] as const;
export const pdqVariantHashSchema = z.object({ variant: z.enum(PDQ_VARIANTS), hash: hex(32) });
export type PdqVariantHash = z.infer<typeof pdqVariantHashSchema>;

/** v2 added PDQ (hash, quality, the 8 dihedral variants). */
export const contentHashed = defineEvent(
  'content.hashed',
  2,
  z.object({
    contentId: uuid,
    reportId: uuid,
    hashes: imageHashesSchema,
    pdqQuality: z.number().int().min(0).max(100),
    pdqVariants: z.array(pdqVariantHashSchema).length(8),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  (d) => d.contentId,
);
export type ContentHashed = z.infer<typeof contentHashed.schema>;

/** The most frames one video.hashed event carries: VIDEO_MAX_SECONDS is capped at 3600, at 1 frame per second (~400 KB of JSON). */
export const VIDEO_FRAMES_PER_EVENT_LIMIT = 3602;

export const videoFrameSchema = z.object({
  timestampMs: z.number().int().nonnegative(),
  pdq: hex(32),
  quality: z.number().int().min(0).max(100),
});
export type VideoFrame = z.infer<typeof videoFrameSchema>;

/**
 * A video content hashed: its file digests and the PDQ of one frame per second. A topic of its own
 * rather than a content.hashed v3: every content.hashed v2 consumer keeps working untouched (a v3
 * would be dead-lettered by a matcher not yet upgraded), and a video has no blockhash or dihedral
 * variants for the image event's required fields.
 */
export const videoHashed = defineEvent(
  'video.hashed',
  1,
  z.object({
    contentId: uuid,
    reportId: uuid,
    hashes: z.object({ md5: hex(16), sha1: hex(20), sha256: hex(32) }),
    durationMs: z.number().int().nonnegative(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    frames: z.array(videoFrameSchema).max(VIDEO_FRAMES_PER_EVENT_LIMIT),
  }),
  (d) => d.contentId,
);
export type VideoHashed = z.infer<typeof videoHashed.schema>;

export const matchSchema = z.object({
  listName: z.string(),
  listSource: z.string(),
  hashType: z.enum(HASH_TYPES),
  distance: z.number().int().nonnegative(),
  category: z.string().nullable(),
  knownHashId: z.string(),
  /** PDQ only: the variant of the content that matched (the content is the known picture transformed by its inverse). */
  variant: z.enum(PDQ_VARIANTS).nullable(),
  /**
   * Videos only: how many sampled frames hit this known hash, and when (ms, at most 100). Optional, so
   * content.matched stays v2: a consumer that does not know the field drops it, and image matches omit it.
   */
  frames: z.object({ count: z.number().int().positive(), timestampsMs: z.array(z.number().int().nonnegative()).max(100) }).optional(),
  /** Video lists only (hashType pdq, knownHashId "video:<list>:<videoId>"): the vPDQ shares, query and known. */
  videoShare: z.object({ videoId: z.string(), query: z.number().min(0).max(1), known: z.number().min(0).max(1) }).optional(),
});
export type Match = z.infer<typeof matchSchema>;

/**
 * The most matches one content.matched event may carry (MATCH_MAX_PER_EVENT is capped by it): some
 * 100 KB of JSON, far under Kafka's 1 MB message limit, however many known hashes an image hits.
 */
export const MATCHES_PER_EVENT_LIMIT = 500;

/**
 * Published for every hashed content, matched or not: new content goes to review too. v2: `matches`
 * holds the best MATCH_MAX_PER_EVENT (by distance, then list) and `matchCount` the total; every
 * match is in the `matches` table. v1 carried all of them, unbounded.
 */
export const contentMatched = defineEvent(
  'content.matched',
  2,
  z
    .object({
      contentId: uuid,
      reportId: uuid,
      matches: z.array(matchSchema).max(MATCHES_PER_EVENT_LIMIT),
      matchCount: z.number().int().nonnegative(),
    })
    .refine((d) => d.matchCount >= d.matches.length, { message: 'matchCount is less than the matches carried', path: ['matchCount'] }),
  (d) => d.contentId,
);
export type ContentMatched = z.infer<typeof contentMatched.schema>;

/**
 * A reported URL (or a content) that yielded nothing to hash: refused by the guard, failed to fetch,
 * a page without images, not an image, or content that failed to decode. Review makes it a `url`
 * item, so every reported URL reaches an analyst. Keyed by `subjectId`: the report_urls id
 * (fetcher) or the content id (hasher).
 */
export const itemUnresolved = defineEvent(
  'item.unresolved',
  1,
  z.object({
    subjectId: uuid,
    reportId: uuid,
    itemId: uuid.nullable(),
    contentId: uuid.nullable(),
    url: z.string().max(4096).nullable(),
    cause: z.enum(['refused', 'failed', 'no_images', 'not_image', 'undecodable']),
    reason: z.string().max(2000),
  }),
  (d) => d.subjectId,
);
export type ItemUnresolved = z.infer<typeof itemUnresolved.schema>;

export const VERDICTS = ['baseline', 'national', 'not_illegal', 'not_reachable'] as const;
export const classificationSchema = z.object({
  verdict: z.enum(VERDICTS),
  iwfCategory: z.enum(['A', 'B', 'C']).optional(),
  industry: z.enum(['A1', 'A2', 'B1', 'B2']).optional(),
  ageGroup: z.enum(['infant', 'prepubescent', 'pubescent', 'adult', 'unknown']).optional(),
  contentType: z.enum(['image', 'video', 'text', 'other']).optional(),
  siteType: z.enum(['image_host', 'forum', 'social', 'file_host', 'website', 'other']).optional(),
});
export type Classification = z.infer<typeof classificationSchema>;

export const REVIEW_DECIDED_MAX_URLS = 100;

/** An item's final decision: hashes and URLs, never bytes, never who reported it. Keyed by itemId; one per decision and per auto-resolved source. */
export const reviewDecided = defineEvent(
  'review.decided',
  1,
  z.object({
    itemId: uuid,
    /** The decision announced (review_decisions.id): consumers tell a repeat from a revision by it. */
    decisionId: z.string().regex(/^[1-9][0-9]{0,18}$/),
    /** An auto-resolution: the new source (content id) that took the earlier decision. */
    sourceId: uuid.optional(),
    kind: z.enum(['content', 'url']),
    reportIds: z.array(uuid),
    classification: classificationSchema,
    /** True when a new copy of decided bytes took the item's decision on arrival (no analyst saw it); false for an analyst's decision. */
    autoResolved: z.boolean(),
    hashes: z.object({ sha256: hex(32), md5: hex(16), sha1: hex(20), pdq: hex(32).nullable(), blockhash: hex(32).nullable() }).nullable(),
    /** Up to REVIEW_DECIDED_MAX_URLS of the addresses it was seen at (Kafka's 1 MB message limit). */
    urls: z.array(z.string().max(4096)).max(REVIEW_DECIDED_MAX_URLS),
    decidedAt: z.string().datetime(),
  }),
  (d) => d.itemId,
);
export type ReviewDecided = z.infer<typeof reviewDecided.schema>;

/** Every item of a report decided: the report is a passive file now. The outcome in counts only. */
export const reportClosed = defineEvent(
  'report.closed',
  1,
  z.object({
    reportId: uuid,
    closedAt: z.string().datetime(),
    outcome: z.object({ baseline: z.number().int(), national: z.number().int(), not_illegal: z.number().int(), not_reachable: z.number().int() }),
  }),
  (d) => d.reportId,
);
export type ReportClosed = z.infer<typeof reportClosed.schema>;

export const ALL_EVENTS = [urlReported, contentFetched, contentHashed, videoHashed, contentMatched, itemUnresolved, reviewDecided, reportClosed] as const;
