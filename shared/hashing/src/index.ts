export * from './sniff';
export * from './formats';
export * from './image-hashes';
export * from './hamming';
export * from './pdq';
export { blockhash256 } from './blockhash';
export { createHashPool, inlineHasher, HashPoolError, type HashPoolOptions, type ImageHasher } from './hash-pool';
export { hashingConfig, type HashingConfig } from './config';
export { thumbnail, type ThumbnailOptions } from './thumbnail';
