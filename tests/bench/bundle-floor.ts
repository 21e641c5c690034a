// The least an HTTP function on this project's chosen stack weighs, before any of the platform's code (issue 16's
// 300 KiB goal): probes of one route are bundled with the functions' own esbuild options (infra/lib/lambda-bundling.ts,
// the SDK stand-ins included), adding one library of the stack at a time — Hono behind API Gateway, zod validating
// the body (as the API imports it: a namespace, so only the kinds used are kept), jose verifying the token against a
// key set, Powertools' logger, the DynamoDB document client writing a transaction, the SQS client sending. The last
// probe is built again with zod/mini. Nothing is run. `pnpm bench:floor`.
import { join } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_ESBUILD } from '../../infra/lib/lambda-bundling';
import { REPO_ROOT } from '../../infra/lib/paths';

interface Layer {
  readonly name: string;
  readonly imports: string;
  /** Module-scope set-up. */
  readonly setup?: string;
  /** Statements in the route, in order. */
  readonly route: string;
}

const ZOD_CLASSIC: Layer = {
  name: '+ zod (namespace import, one object schema)',
  imports: "import * as z from 'zod';",
  setup:
    "const Body = z.strictObject({ a: z.string().min(1).max(10), b: z.enum(['x', 'y']), c: z.array(z.object({ d: z.number().int() })).max(5), e: z.string().optional() });",
  route:
    'const body = Body.safeParse(await c.req.json()); if (!body.success) return c.json({ issues: body.error.issues }, 400);',
};

const ZOD_MINI: Layer = {
  ...ZOD_CLASSIC,
  name: '+ zod/mini instead',
  imports: "import * as z from 'zod/mini';",
  setup:
    "const Body = z.strictObject({ a: z.string().check(z.minLength(1), z.maxLength(10)), b: z.enum(['x', 'y']), c: z.array(z.object({ d: z.int() })).check(z.maxLength(5)), e: z.optional(z.string()) });",
};

const LAYERS: readonly Layer[] = [
  {
    name: 'Hono, one route, behind API Gateway',
    imports: "import { Hono } from 'hono'; import { handle } from 'hono/aws-lambda';",
    setup: 'const app = new Hono();',
    route: '',
  },
  ZOD_CLASSIC,
  {
    name: '+ jose (the token against a key set)',
    imports: "import { createRemoteJWKSet, jwtVerify } from 'jose';",
    setup: "const keys = createRemoteJWKSet(new URL('https://issuer.invalid/jwks.json'));",
    route: "const { payload } = await jwtVerify(c.req.header('authorization') ?? '', keys);",
  },
  {
    name: "+ Powertools' logger",
    imports: "import { Logger } from '@aws-lambda-powertools/logger';",
    setup: 'const logger = new Logger();',
    route: "logger.info('taken in');",
  },
  {
    name: '+ DynamoDB document client (a transaction)',
    imports:
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';",
    setup: 'const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
    route:
      "await db.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { ...body.data, by: payload.sub } } }] }));",
  },
  {
    name: '+ SQS client (a send)',
    imports: "import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';",
    setup: 'const sqs = new SQSClient({});',
    route: "await sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: 'm' }));",
  },
];

function source(layers: readonly Layer[]): string {
  return [
    ...layers.map((l) => l.imports),
    ...layers.flatMap((l) => (l.setup ? [l.setup] : [])),
    "app.post('/r', async (c) => {",
    ...layers.map((l) => l.route),
    'return c.json({ ok: true }, 201); });',
    'export const handler = handle(app);',
  ].join('\n');
}

async function kib(layers: readonly Layer[]): Promise<number> {
  const { outputFiles } = await build({
    stdin: { contents: source(layers), resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'probe.ts' },
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    // The stack's packages, where the workspace installs them (the probe belongs to no package).
    nodePaths: ['packages/api/node_modules', 'packages/runtime/node_modules'].map((p) => join(REPO_ROOT, p)),
    sourcemap: false,
    write: false,
    logLevel: 'error',
  });
  // One output: no outfile, no source map.
  return outputFiles[0]!.contents.byteLength / 1024;
}

const rows: { probe: string; KiB: number }[] = [];
for (let n = 1; n <= LAYERS.length; n++) {
  rows.push({ probe: LAYERS[n - 1]!.name, KiB: Number((await kib(LAYERS.slice(0, n))).toFixed(1)) });
}
rows.push({
  probe: ZOD_MINI.name,
  KiB: Number((await kib(LAYERS.map((l) => (l === ZOD_CLASSIC ? ZOD_MINI : l)))).toFixed(1)),
});
console.log(
  'The least an HTTP function on this stack weighs (minified ESM, the functions’ esbuild options)\n',
);
console.table(rows);
console.log('\nGoal: ≤ 300 KiB a function, the platform’s own code included (infra/lib/bundle-budgets.ts)');
