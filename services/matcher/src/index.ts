export { createMatcherService } from './service';
export { Matcher } from './match-content';
export { KnownIndex, type MatchThresholds } from './known-index';
