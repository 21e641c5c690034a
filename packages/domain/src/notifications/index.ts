export * from './notifications';
export * from './nudges';
