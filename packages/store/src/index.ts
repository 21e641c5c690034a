export * from './audit';
export * from './errors';
export * from './keys';
export * from './referrals';
export * from './tables';
