// What the request context carries between middleware and routes.
import type { Principal } from '@nrm/domain';

export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}
