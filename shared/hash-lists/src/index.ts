export { importList, type ImportOptions, type ImportPhase, type ImportResult } from './import-list';
export { setHashEnabled, setHashEnabledIn, setListEnabled, listLists, type ListSummary } from './manage-lists';
export { detectFormat, parseRow, HASH_TYPES, LIST_FORMATS, type HashType, type ListFormat } from './parse-rows';
export { addOwnHashes, disableKnownHash, OWN_LISTS, ownSha256Disabled, type KnownHashRef, type OwnHash, type OwnHashType } from './own-lists';
export { setListAutoNotice, autoNoticeLists } from './auto-notice';
export { importVideoList, listVideoLists, parseVideoListJsonl, setVideoListEnabled, type VideoListRow, type VideoListSummary } from './video-lists';
