export * from './sniff';
export * from './image-hashes';
export * from './hamming';
export * from './pdq';
