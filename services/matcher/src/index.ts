export { createMatcherService } from './service';
export { matcherService } from './descriptor';
export { matcherConfig, type MatcherContext } from './config';
export { Matcher } from './match-content';
export { KnownIndex, type MatchThresholds } from './known-index';
export { KnownVideoIndex, type KnownVideoHit, type VideoQueryFrame } from './video-index';
