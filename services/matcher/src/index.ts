export { createMatcherService } from './service';
export { Matcher } from './match-content';
export { HashIndex } from './hash-index';
export * from './known-hashes';
