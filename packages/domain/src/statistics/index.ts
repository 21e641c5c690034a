export * from './cells';
export * from './contributions';
export * from './disclosure';
export * from './histogram';
export * from './person-key';
export * from './summary';
export * from './suppression';
