// Telling "a dependency is down, overloaded or did not answer in time" (answer 503, the client retries) from a bug
// (answer 500).

const UNAVAILABLE_NAMES = new Set([
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  // The SDK's connection and request timeouts (packages/runtime DEPENDENCY_LIMITS), and the services' own.
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionInProgressException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
]);

export function isUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (UNAVAILABLE_NAMES.has(error.name) || (typeof code === 'string' && NETWORK_CODES.has(code))) return true;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  if (metadata?.httpStatusCode && metadata.httpStatusCode >= 500) return true;
  if (error instanceof AggregateError) return error.errors.some((e) => isUnavailable(e, depth + 1));
  return isUnavailable(error.cause, depth + 1);
}
