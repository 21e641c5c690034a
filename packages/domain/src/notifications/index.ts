export * from './notifications';
export * from './notified';
