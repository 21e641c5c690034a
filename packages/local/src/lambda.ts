// Loads the same handler modules Lambda runs and gives them a Lambda-shaped invocation context.
import { randomUUID } from 'node:crypto';
import { FUNCTIONS, type FunctionDefinition } from '@nrm/functions/catalogue';
import { countInvocation, countingAs, countingUsage, countSdkUsage } from '@nrm/runtime/usage';
import { countIndexWrites } from '@nrm/store/transaction';
import type { Context } from 'aws-lambda';

// biome-ignore lint/suspicious/noExplicitAny: handlers have different event and result types
export type AnyHandler = (event: any, context: Context) => Promise<any>;

/**
 * Counts what the functions ask of AWS when NRM_COUNT_USAGE=1 (the benchmarks): every SDK client's calls and the
 * tables' index writes. Each thread of the platform calls it once its configuration is set; Lambda never does.
 */
export function countUsage(): void {
  if (!countingUsage()) return;
  countSdkUsage();
  countIndexWrites();
}

export async function loadHandler(name: string): Promise<AnyHandler> {
  const url = new URL(`../../../functions/src/${name}/handler.ts`, import.meta.url);
  const module = (await import(url.href)) as { handler: AnyHandler };
  const fn = (FUNCTIONS as readonly FunctionDefinition[]).find((f) => f.name === name);
  if (!fn) return module.handler;
  // Each invocation and its duration, for the cost model (counted only when NRM_COUNT_USAGE=1).
  return async (event, context) => {
    const started = performance.now();
    try {
      return await countingAs(name, () => module.handler(event, context));
    } finally {
      countInvocation(name, fn.memoryMb, performance.now() - started);
    }
  };
}

export function lambdaContext(fn: FunctionDefinition): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `nrm-local-${fn.name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-north-1:000000000000:function:nrm-local-${fn.name}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/nrm-local-${fn.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function functionsTriggeredBy(type: FunctionDefinition['trigger']['type']): FunctionDefinition[] {
  return (FUNCTIONS as readonly FunctionDefinition[]).filter((f) => f.trigger.type === type);
}
