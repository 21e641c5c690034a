export * from './envelope';
export * from './queues';
export * from './relay';
