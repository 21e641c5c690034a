export * from './errors';
export * from './referral-actions';
export * from './referral-commands';
export * from './route-referral';
export * from './submit-referral';
