export * from './engines';
export * from './identities';
export * from './issuer';
export * from './platform';
