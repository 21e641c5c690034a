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
  override readonly name: string = 'Conflict';
}

/** A hand-off of an adult needs the person's consent for its recipient type and purpose, and there is none. */
export class ConsentMissing extends Conflict {
  override readonly name = 'ConsentMissing';
}

/** The request lacks a field the referral's state needs, or carries one it must not (HTTP 422, naming the field). */
export class InvalidField extends Error {
  override readonly name = 'InvalidField';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
