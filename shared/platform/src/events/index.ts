export * from './envelope';
export * from './types';
