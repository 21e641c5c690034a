export * from './erase-personal-data';
export * from './errors';
export * from './notify';
export * from './referral-actions';
export * from './referral-commands';
export * from './route-referral';
export * from './sla';
export * from './submit-referral';
