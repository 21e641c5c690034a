// The single sources of truth infra builds from: tables (store), queues (messaging) and functions (functions/).
// Imported from the packages' leaf entry points, which load no AWS SDK runtime code (their root barrels would).
export { FUNCTIONS, type FunctionDefinition, VISIBILITY_TIMEOUT_FACTOR } from '@nrm/functions/catalogue';
export {
  batchingOf,
  dlqName,
  QUEUES,
  type QueueDefinition,
  RELAY_FAILURE_QUEUE,
  RELAY_MAX_RETRIES,
} from '@nrm/messaging/queues';
export { auditKeys, KEY_MODELS, type KeyKind, keys, statisticsKeys } from '@nrm/store/keys';
export { TABLES, type TableDefinition, type TableName } from '@nrm/store/tables';

import type { FUNCTIONS, FunctionDefinition } from '@nrm/functions/catalogue';
import type { QueueDefinition } from '@nrm/messaging/queues';
import type { TableDefinition } from '@nrm/store/tables';

export type FunctionName = (typeof FUNCTIONS)[number]['name'];

/** What the platform consists of; tests pass a variant to show that a new function or queue needs no wiring. */
export interface Catalogue {
  readonly tables: readonly TableDefinition[];
  readonly queues: readonly QueueDefinition[];
  readonly functions: readonly FunctionDefinition[];
}
