export * from './disclosure';
export * from './handoff';
