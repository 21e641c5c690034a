export * from './errors';
export * from './route-referral';
export * from './submit-referral';
