// The single sources of truth infra builds from: tables (store), queues (messaging) and functions (functions/).
// Imported by relative path because those packages' entry points also load AWS SDK runtime code.
export { FUNCTIONS, type FunctionDefinition, VISIBILITY_TIMEOUT_FACTOR } from '../../functions/src/catalogue';
export {
  dlqName,
  QUEUES,
  type QueueDefinition,
  RELAY_FAILURE_QUEUE,
  RELAY_MAX_RETRIES,
} from '../../packages/messaging/src/queues';
export { keys } from '../../packages/store/src/keys';
export { TABLES, type TableDefinition } from '../../packages/store/src/tables';

import type { FUNCTIONS, FunctionDefinition } from '../../functions/src/catalogue';
import type { QueueDefinition } from '../../packages/messaging/src/queues';
import type { TableDefinition } from '../../packages/store/src/tables';

export type FunctionName = (typeof FUNCTIONS)[number]['name'];

/** What the platform consists of; tests pass a variant to show that a new function or queue needs no wiring. */
export interface Catalogue {
  readonly tables: readonly TableDefinition[];
  readonly queues: readonly QueueDefinition[];
  readonly functions: readonly FunctionDefinition[];
}
