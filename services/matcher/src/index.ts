export { createMatcherService } from './service';
export { Matcher } from './match-content';
export { KnownIndex, type MatchThresholds } from './known-index';
export { importList, type ImportOptions, type ImportPhase, type ImportResult } from './lists/import-list';
export { setHashEnabled, setHashEnabledIn, setListEnabled, listLists, type ListSummary } from './lists/manage-lists';
export { detectFormat, parseRow, HASH_TYPES, LIST_FORMATS, type HashType, type ListFormat } from './lists/parse-rows';
