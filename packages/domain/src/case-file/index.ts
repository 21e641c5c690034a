export * from './case-file';
export * from './corrections';
export * from './profiles';
