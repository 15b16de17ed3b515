// The review API's shapes as the console uses them (the contract in the issue; the server's OpenAPI document at
// /api/openapi.json is the reference). Fields the console can live without are optional, so a back end that
// adds fields or leaves one out does not break a screen.

export type Role = 'analyst' | 'senior' | 'admin';

export interface User {
  id: string;
  username: string;
  role: Role;
  blurStrength: number;
  mustEnrolPasskey?: boolean;
  hasPasskey: boolean;
  hasTotp: boolean;
  disabled?: boolean;
}

export interface SessionAnswer {
  csrfToken: string;
  user: User;
}

export type ItemKind = 'content' | 'url';

export interface Match {
  list?: string;
  listName?: string;
  hashType?: string;
  distance?: number;
  category?: string | null;
  knownHashId?: string;
}

export interface QueueItem {
  id?: string;
  contentId?: string;
  reportId: string;
  kind?: ItemKind;
  status?: string;
  enqueuedAt?: string;
  knownMaterial?: boolean;
  url?: string | null;
  mime?: string;
  matches?: Match[];
  /** Retention deleted the bytes: there is no thumbnail to show. */
  bytesDeletedAt?: string | null;
}

export interface ClaimedItem extends QueueItem {
  id: string;
  leaseUntil: string;
}

export const VERDICTS = ['baseline', 'national', 'not_illegal', 'not_reachable'] as const;
export const IWF_CATEGORIES = ['A', 'B', 'C'] as const;
export const INDUSTRY_CLASSES = ['A1', 'A2', 'B1', 'B2'] as const;
export const AGE_GROUPS = ['infant', 'prepubescent', 'pubescent', 'adult', 'unknown'] as const;
export const CONTENT_TYPES = ['image', 'video', 'text', 'other'] as const;
export const SITE_TYPES = ['image_host', 'forum', 'social', 'file_host', 'website', 'other'] as const;

export type Verdict = (typeof VERDICTS)[number];

export interface Decision {
  verdict: Verdict;
  iwfCategory?: (typeof IWF_CATEGORIES)[number];
  industry?: (typeof INDUSTRY_CLASSES)[number];
  ageGroup?: (typeof AGE_GROUPS)[number];
  contentType?: (typeof CONTENT_TYPES)[number];
  siteType?: (typeof SITE_TYPES)[number];
  note?: string;
}

export type DecisionStage = 'first' | 'second' | 'senior' | 'revision';

export interface RecordedDecision extends Decision {
  id?: string;
  stage?: DecisionStage;
  /** The deciding account's id (never a name: the console says "you" for the caller's own). */
  decidedBy?: string;
  bulkReportId?: string | null;
  createdAt?: string;
  username?: string;
}

export interface Source {
  reportId: string;
  url: string | null;
  origin?: string;
  receivedAt?: string;
}

export interface ItemDetail {
  id: string;
  kind: ItemKind;
  status: string;
  sources: Source[];
  matches: Match[];
  prefill: (Decision & { fromItemId?: string; distance?: number }) | null;
  decisions: RecordedDecision[];
  url?: string | null;
  urlReason?: string | null;
  reason?: string | null;
  /** content items: which viewer shows them. */
  media?: 'image' | 'video' | null;
  image?: { mime: string; width: number | null; height: number | null } | null;
  video?: VideoDetail | null;
  leaseUntil?: string | null;
  /** Retention deleted the bytes at this time: no image or thumbnail any more, the hashes remain. */
  bytesDeletedAt?: string | null;
}

/** GET /api/items/:id of a video content: its facts and what matched, frame by frame (times in ms). */
export interface VideoDetail {
  mime: string | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  frameCount: number;
  matchedFramesMs: number[];
  listMatches: Array<{ listName: string; hashType: string; distance: number; category: string | null; frameCount: number; timestampsMs: number[] }>;
  videoMatches: Array<{
    listName: string;
    videoId: string;
    category: string | null;
    queryShare: number;
    knownShare: number;
    queryMatched: number;
    queryFrames: number;
    knownMatched: number;
    knownFrames: number;
    timestampsMs: number[];
  }>;
}

export interface ClosedReport {
  reportId: string;
  source?: string;
  receivedAt?: string;
  closedAt?: string;
  items?: number;
}

/** POST /api/reports/:id/decision: what was decided, and what was skipped with the server's reason. */
export interface BulkResult {
  decided: Array<{ itemId: string; status: string }>;
  skipped: Array<{ itemId: string; code: string; message: string }>;
}

export interface ReportView {
  id?: string;
  reportId?: string;
  description?: string | null;
  language?: string | null;
  source?: string;
  receivedAt?: string;
  closed?: boolean;
  /** Every URL of the report: the reported ones and the images found on their pages (parentId set). */
  items: Array<{ itemId: string; parentId?: string | null; url: string; state: string; reason?: string | null }>;
  /** The review items the report's URLs and contents became. */
  reviewItems: Array<{ id: string; kind?: ItemKind; status: string; url?: string | null }>;
}

export interface Exposure {
  today: number;
  limit: number;
  breakDue: boolean;
  breakEveryMinutes: number;
}

export interface Dashboard {
  openByKind: { content: number; url: number; awaiting_second: number; disputed: number };
  decisionsToday: number;
  reportToDecision: { medianSeconds: number | null; p90Seconds: number | null };
  perDay: Array<{ day: string; decisions: number }>;
}

export interface Settings {
  fourEyes: boolean;
  leaseSeconds: number;
  breakEveryMinutes: number;
  dailyExposureLimit: number;
}

export interface Passkey {
  id: string;
  name: string;
  createdAt?: string;
  lastUsedAt?: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt?: string;
  lastUsedAt?: string | null;
}

export interface TotpEnrolment {
  otpauthUri: string;
  qrSvg: string;
}

export interface NewUser extends TotpEnrolment {
  id: string;
  username: string;
  password: string;
}
