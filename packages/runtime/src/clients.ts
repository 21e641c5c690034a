// AWS clients, created once per process (one module per client, so a function bundles only what it calls).
export * from './client-config';
export * from './dynamo';
export * from './sqs';
