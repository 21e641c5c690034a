// Submitting a referral: the person's own and one linked child referral per accompanying child, created atomically
// with the idempotency record so that a retry returns the first result and never creates a second referral.
import {
  applyEvent,
  type EventEnvelope,
  InvalidField,
  MAX_ACCOMPANYING_CHILDREN,
  type Principal,
  parseIdentityNumber,
  personKey,
  planIntake,
  type ReferralState,
  type Submission,
} from '@nrm/domain';
import { config, swedishDate } from '@nrm/runtime';
import {
  createReferrals,
  firstAuditEntryPut,
  IdempotencyKeyTaken,
  reserveReferenceNumbers,
} from '@nrm/store';
import { ulid } from 'ulid';
import { earlierResult, idempotencyRecord } from './idempotency';
import { actorOf } from './referral-commands';

export interface SubmitResult {
  readonly id: string;
  readonly reference: string;
  readonly status: ReferralState['status'];
  /** False when an earlier request with the same Idempotency-Key created it. */
  readonly created: boolean;
}

/** Identity numbers are kept in one form only (12 digits), so the same person's number always reads the same. */
export function normaliseIdentityNumber<S extends Pick<Submission, 'person'>>(submission: S, now: Date): S {
  const raw = submission.person.identityNumber;
  if (typeof raw !== 'string') return submission;
  const parsed = parseIdentityNumber(raw, now);
  return parsed.ok
    ? { ...submission, person: { ...submission.person, identityNumber: parsed.normalised } }
    : submission;
}

/** The pseudonymous person key of the submission's person, when the secret is configured and they are identified. */
export function personKeyOfCase(submission: Pick<Submission, 'person'>): string | undefined {
  const secret = config().personKeySecret;
  if (!secret) return undefined;
  const { identityNumber, name } = submission.person;
  const age = submission.person.age;
  return personKey(secret, {
    ...(typeof identityNumber === 'string' ? { identityNumber } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    ...('dateOfBirth' in age ? { dateOfBirth: age.dateOfBirth } : {}),
  });
}

export function formatReference(year: number, number: number): string {
  return `NRM-${year}-${String(number).padStart(6, '0')}`;
}

export async function submitReferral(args: {
  readonly submission: Submission;
  readonly principal: Principal;
  readonly channel: 'api' | 'web' | 'phone' | 'outreach';
  readonly idempotencyKey?: string;
  readonly now: Date;
  /** Audit the creation in the same transaction, under this request id. */
  readonly audit?: { readonly requestId: string };
}): Promise<SubmitResult> {
  const { submission, principal, channel, idempotencyKey, now } = args;
  const request = idempotencyKey ? { key: idempotencyKey, scope: 'referrals', body: submission } : undefined;

  const replay = async (): Promise<SubmitResult | undefined> => {
    if (!request) return undefined;
    const earlier = await earlierResult(principal, request, now);
    if (!earlier) return undefined;
    return {
      id: earlier.id!,
      reference: earlier.reference!,
      status: 'received',
      created: false,
    };
  };

  // A retry with a used key is found by the transaction's condition, not by a read first: new referrals (the
  // common case) pay for no extra round trip; a retry only leaves its reserved reference number unused.
  // Each accompanying child becomes a referral, a report of concern and e-mails: the fan-out of one request is bounded.
  if ((submission.accompanyingChildren?.length ?? 0) > MAX_ACCOMPANYING_CHILDREN) {
    throw new InvalidField(
      'accompanyingChildren',
      `One referral takes at most ${MAX_ACCOMPANYING_CHILDREN} accompanying children; refer the others separately.`,
    );
  }
  const today = swedishDate(now);
  const year = Number(today.slice(0, 4));
  const count = 1 + (submission.accompanyingChildren?.length ?? 0);
  const numbers = await reserveReferenceNumbers(year, count);
  const ids = numbers.map(() => ulid(now.getTime()));
  const references = numbers.map((n) => formatReference(year, n));
  const referrer = { organisationId: principal.organisationId, organisationType: principal.organisationType };
  const occurredAt = now.toISOString();

  const normalised = normaliseIdentityNumber(submission, now);
  const key = personKeyOfCase(normalised);
  const planned = planIntake({
    submission: normalised,
    referrer,
    channel,
    today,
    ids,
    references,
    ...(key ? { personKey: key } : {}),
  });
  const referrals = planned.map((p) => {
    const received: EventEnvelope = {
      ...p.received,
      eventId: ulid(now.getTime()),
      referralId: p.id,
      seq: 1,
      occurredAt,
      actor: actorOf(principal),
    };
    return { state: applyEvent(undefined, received), received, personalData: p.personalData };
  });

  const result = { id: ids[0]!, reference: references[0]! };
  try {
    const auditEntries = args.audit
      ? referrals.map((r) =>
          firstAuditEntryPut({
            subject: `referral:${r.state.id}`,
            action: 'referral.create',
            outcome: 'allowed',
            actor: actorOf(principal),
            requestId: args.audit!.requestId,
            at: occurredAt,
          }),
        )
      : [];
    const { organisationPerHour, personPerHour } = config().submissionQuota;
    await createReferrals(
      referrals,
      request ? idempotencyRecord(principal, request, result, now) : undefined,
      auditEntries,
      {
        now,
        counters: [
          { who: `org:${principal.organisationId}`, limit: organisationPerHour },
          ...(principal.kind === 'person' ? [{ who: `person:${principal.sub}`, limit: personPerHour }] : []),
        ],
      },
    );
  } catch (error) {
    // A concurrent request with the same key won the race; answer with what it created.
    if (error instanceof IdempotencyKeyTaken) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
  return { ...result, status: 'received', created: true };
}
