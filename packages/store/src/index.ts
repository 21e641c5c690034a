export * from './audit';
export * from './audit-verify';
export * from './errors';
export * from './keys';
export * from './referrals';
export * from './tables';
