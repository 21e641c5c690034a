export * from './case-file';
export * from './corrections';
export * from './name-keys';
export * from './profiles';
