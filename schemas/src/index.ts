export * from './codes';
export * from './events';
export * from './problem';
export * from './referral';
