export * from './metrics';
export * from './metrics-service';
