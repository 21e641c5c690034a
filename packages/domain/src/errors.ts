// The platform's one vocabulary of refusals. Each carries a code the HTTP layer maps to problem+json in one place
// (packages/api/src/problem.ts domainProblem, from app.ts onError), so no layer renames another's errors: a layer
// that refines one subclasses it (the store's QuotaExceeded and InvalidCursor)
// and passes what it caught on as `cause`. What a client acts on travels as typed fields (`field`,
// `retryAfterSeconds`), never parsed out of the message. Messages name no person: they may reach a problem's `detail`.

export const PROBLEM_CODES = [
  'conflict',
  'consent-required',
  'invalid-field',
  'not-found',
  'forbidden',
  'idempotency-mismatch',
  'bad-request',
  'too-many-requests',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export abstract class DomainError extends Error {
  abstract readonly code: ProblemCode;
}

/** The referral's current state does not allow the action (HTTP 409). */
export class Conflict extends DomainError {
  override readonly name: string = 'Conflict';
  readonly code: ProblemCode = 'conflict';
}

/** A hand-off would disclose an adult's case without the person's consent for that recipient and purpose (409). */
export class ConsentRequired extends Conflict {
  override readonly name = 'ConsentRequired';
  override readonly code = 'consent-required';
}

/** The request lacks a field the referral's state needs, or has one it must not (HTTP 422, naming `field`). */
export class InvalidField extends DomainError {
  override readonly name = 'InvalidField';
  readonly code = 'invalid-field';
  constructor(
    readonly field: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** What the request names does not exist, or the caller may not know it does (HTTP 404). */
export class NotFound extends DomainError {
  override readonly name = 'NotFound';
  readonly code = 'not-found';
}

/** The caller may see the target but not do this to it (HTTP 403). */
export class Forbidden extends DomainError {
  override readonly name = 'Forbidden';
  readonly code = 'forbidden';
}

/** The same Idempotency-Key was sent with a different request (HTTP 422). */
export class IdempotencyMismatch extends DomainError {
  override readonly name = 'IdempotencyMismatch';
  readonly code = 'idempotency-mismatch';
  constructor(options?: ErrorOptions) {
    super('This Idempotency-Key was used with a different request.', options);
  }
}

/** The request is malformed in a way no schema could see (an opaque cursor that does not decode) (HTTP 400). */
export class BadRequest extends DomainError {
  override readonly name: string = 'BadRequest';
  readonly code = 'bad-request';
}

/** A quota is used up until `retryAfterSeconds` from now (HTTP 429 with Retry-After). */
export class TooManyRequests extends DomainError {
  override readonly name: string = 'TooManyRequests';
  readonly code = 'too-many-requests';
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
  }
}
