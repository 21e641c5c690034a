// zod with the `.openapi()` metadata method the contract's schemas are described with. Import it as a namespace
// (`import * as z from '@nrm/schemas/zod'`), never as `{ z }`: a namespace import lets esbuild keep only the kinds a
// bundle uses, while the `z` object (what `@hono/zod-openapi` exports and extends) keeps all of zod, its ~40 locales
// included. Only `ZodType` is extended, as `extendZodWithOpenApi` touches nothing else; package.json lists this module
// under `sideEffects`, so a bundle that uses a schema keeps the extension with it.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { ZodType } from 'zod';

extendZodWithOpenApi({ ZodType } as Parameters<typeof extendZodWithOpenApi>[0]);

export * from 'zod';
