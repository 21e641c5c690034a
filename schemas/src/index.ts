export * from './codes';
export * from './problem';
export * from './referral';
export * from './events';
