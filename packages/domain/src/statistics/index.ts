export * from './contributions';
export * from './histogram';
export * from './person-key';
export * from './summary';
export * from './suppression';
