export * from './store/case-types';
export * from './store/cases-store';
export * from './store/notices-store';
export * from './store/checks-store';
export * from './store/referrals-store';
export * from './store/timeline';
export * from './job-names';
export * from './case-actions';
