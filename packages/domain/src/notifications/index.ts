export * from './notifications';
export * from './notified';
export * from './nudges';
