// Outcomes a use case reports to its caller, which the HTTP layer maps to problem+json.

export class NotFound extends Error {
  override readonly name = 'NotFound';
}

export class Forbidden extends Error {
  override readonly name = 'Forbidden';
}

/** The same Idempotency-Key was sent with a different body. */
export class IdempotencyMismatch extends Error {
  override readonly name = 'IdempotencyMismatch';
}

/** The request is well-formed but the referral's current state does not allow it. */
export class Conflict extends Error {
  override readonly name = 'Conflict';
}
