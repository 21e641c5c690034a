// Working a case while services run beside it (domain.md §2, §5): pausing and resuming a clock, the permit ledger,
// and a service's own start and end. Each runs as one command on the referral; a comment is a note item.
import type {
  ClockPauseReason,
  PermitApplicant,
  PermitKind,
  ReferralCommand,
  ServiceOutcome,
} from '@nrm/domain';
import { actWithComment } from './comments';
import { type ActionArgs, actOnReferral, createOnReferral, type KeyedArgs } from './referral-actions';

export function pauseClock(
  referralId: string,
  input: { readonly clockId: string; readonly reason: ClockPauseReason; readonly comment?: string },
  args: ActionArgs,
) {
  const { clockId, reason } = input;
  return actWithComment(referralId, { type: 'pause-clock', clockId, reason }, input.comment, args);
}

export function resumeClock(referralId: string, clockId: string, args: ActionArgs) {
  return actOnReferral(referralId, () => ({ type: 'resume-clock', clockId }), args);
}

export interface PermitApplication {
  readonly kind: PermitKind;
  readonly appliedBy: PermitApplicant;
  readonly appliedOn: string;
}

/** Records an application; with an Idempotency-Key a retry answers the permit the first request recorded. */
export function applyForPermit(referralId: string, application: PermitApplication, args: KeyedArgs) {
  const request = { scope: 'permits', body: application };
  return createOnReferral(referralId, 'permitId', request, args, (id) => ({
    type: 'apply-permit',
    permitId: id,
    ...application,
  }));
}

type PermitCommand<T extends ReferralCommand['type']> = Omit<
  Extract<ReferralCommand, { type: T }>,
  'type' | 'permitId'
>;

/** Migrationsverket's decision on an application: granted (from, through) or refused. */
export function decidePermit(
  referralId: string,
  permitId: string,
  decision: PermitCommand<'decide-permit'>,
  args: ActionArgs,
) {
  return actOnReferral(referralId, () => ({ type: 'decide-permit', permitId, ...decision }), args);
}

export function extendPermit(
  referralId: string,
  permitId: string,
  extension: PermitCommand<'extend-permit'>,
  args: ActionArgs,
) {
  return actOnReferral(referralId, () => ({ type: 'extend-permit', permitId, ...extension }), args);
}

export function revokePermit(
  referralId: string,
  permitId: string,
  revocation: PermitCommand<'revoke-permit'>,
  args: ActionArgs,
) {
  return actOnReferral(referralId, () => ({ type: 'revoke-permit', permitId, ...revocation }), args);
}

export function startService(referralId: string, handoffId: string, args: ActionArgs) {
  return actOnReferral(referralId, () => ({ type: 'start-service', handoffId }), args);
}

export function endService(
  referralId: string,
  handoffId: string,
  input: { readonly outcome: ServiceOutcome; readonly comment?: string },
  args: ActionArgs,
) {
  return actWithComment(
    referralId,
    { type: 'end-service', handoffId, outcome: input.outcome },
    input.comment,
    args,
  );
}
