export * from './clocks';
export * from './commands';
