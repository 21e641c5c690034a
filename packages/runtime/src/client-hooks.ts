// What happens to every SDK client the runtime creates, besides its configuration, and to every e-mail sent. Nothing
// by default: the local platform adds the usage counter here (countSdkUsage in ./usage), so the Lambda bundles carry
// no counting code.
import type { MiddlewareStack } from '@smithy/types';

export type CountedService = 'dynamodb' | 'sqs' | 'ses' | 'secretsmanager';
// biome-ignore lint/suspicious/noExplicitAny: any client's stack
export type ClientHook = (service: CountedService, stack: MiddlewareStack<any, any>) => void;

const hooks: ClientHook[] = [];

/** Runs `hook` on every client created from now on (the clients are created at their first use). */
export function onClientCreated(hook: ClientHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

// biome-ignore lint/suspicious/noExplicitAny: any client's stack
export function clientCreated(service: CountedService, stack: MiddlewareStack<any, any>): void {
  for (const hook of hooks) hook(service, stack);
}

const emailHooks: (() => void)[] = [];

/** Runs `hook` on every e-mail sent from now on. */
export function onEmailSent(hook: () => void): void {
  if (!emailHooks.includes(hook)) emailHooks.push(hook);
}

export function emailSent(): void {
  for (const hook of emailHooks) hook();
}
