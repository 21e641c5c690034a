export * from './case-file';
export * from './codes';
export * from './events';
export * from './handoffs';
export * from './problem';
export * from './referral';
export * from './services';
export * from './team';
