export * from './auth';
export * from './clients';
export * from './clock';
export * from './config';
export * from './logger';
export * from './secrets';
export * from './usage';
