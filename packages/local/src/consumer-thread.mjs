// The consumer thread's entry: a worker thread does not inherit the TypeScript loader of the process that starts it
// (vitest's is not even a Node loader), so it registers tsx itself before it loads the consumers.
import { register } from 'tsx/esm/api';

register();
await import('./consumer-thread.ts');
