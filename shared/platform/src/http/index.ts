export * from './error-handler';
export * from './request-log';
export * from './not-found';
export * from './listen';
export * from './build-app';
