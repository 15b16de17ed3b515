// Removal statistics as the store computes them and the review API sends them: counts and durations only. No
// imports: the review console type-checks its statistics screen against this file too.

export interface RemovalFigures {
  /** Cases confirmed in the window, cancelled ones left out. */
  cases: number;
  removed: number;
  /** Not removed yet (tracing, held, active or waiting for an analyst). */
  open: number;
  /** First report → removal, over the removed cases (seconds, rounded). */
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Removed within 72 h of the first report. */
  removedWithin3Days: number;
  /** Cases that had their 72 h: first reported at least 72 h before `now`, or already removed. */
  eligible3Days: number;
  /** removedWithin3Days ÷ eligible3Days (0…1), null when nothing is eligible yet. */
  shareWithin3Days: number | null;
}

export interface KeyedRemovalFigures extends RemovalFigures {
  key: string;
}

export interface ProviderNoticeFigures {
  provider: string;
  /** Notice items in state `sent` of the provider's cases (one per case per notice mail). */
  noticesSent: number;
  /** Removed cases whose removal came at or after their first notice: the ones a response time is measured for. */
  responded: number;
  /** First notice → removal (seconds, rounded). */
  responseMedianSeconds: number | null;
  responseP90Seconds: number | null;
}

export interface DayFigures {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Cases confirmed that day (not cancelled). */
  confirmed: number;
  /** Cases removed that day (any confirmation date). */
  removed: number;
}

export interface TakedownStatistics {
  from: string;
  to: string;
  now: string;
  overall: RemovalFigures;
  byCountry: KeyedRemovalFigures[];
  byProvider: KeyedRemovalFigures[];
  noticesByProvider: ProviderNoticeFigures[];
  perDay: DayFigures[];
}
