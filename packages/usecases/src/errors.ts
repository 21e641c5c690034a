// What the use cases report beyond the domain's refusals (@nrm/domain/errors) and the store's conditions
// (@nrm/store's errors): outcomes their callers — the workers — decide on. They are not refusals of a request, so
// they are no DomainError and never reach a client; each keeps what it was raised from as `cause`.

/** The escalator's timer was moved on (acted on, re-armed or disarmed) after the sweeper sent it. */
export class TimerStale extends Error {
  override readonly name = 'TimerStale';
  constructor(
    readonly referralId: string,
    options?: ErrorOptions,
  ) {
    super(`The due timer of referral ${referralId} moved on after it was sent`, options);
  }
}

/** Another attempt holds the lease on this event for this consumer; the message is retried after its visibility. */
export class EventBeingHandled extends Error {
  override readonly name = 'EventBeingHandled';
  constructor(
    readonly consumer: string,
    readonly eventId: string,
  ) {
    super(`Event ${eventId} is being handled by another ${consumer} attempt`);
  }
}

/** A mailbox's nudge window kept changing under the notifier (many nudges at once); the message is retried. */
export class NudgeWindowContended extends Error {
  override readonly name = 'NudgeWindowContended';
  constructor(readonly mailbox: string) {
    super('The nudge window kept changing; retried later');
  }
}
