export * from './due-timers';
export * from './email';
export * from './envelope';
export * from './follow-ups';
export * from './queues';
export * from './redrive';
export * from './relay';
export * from './webhooks';
