export * from './sniff';
export * from './formats';
export * from './image-hashes';
export * from './hamming';
export * from './pdq';
export { hashingConfig, type HashingConfig } from './config';
export { thumbnail, type ThumbnailOptions } from './thumbnail';
export * from './video';
