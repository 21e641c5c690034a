// What each action on a referral does: the events it records, or why the referral's state does not allow it.
// Every command ends by reconciling the clocks with the state, so a clock runs exactly while its condition holds.

import { type Calendar, swedishCalendar } from '../calendar/calendar';
import {
  CLOCK_POLICY_CATALOGUE,
  type ClockPauseReason,
  type ClockPolicyCatalogue,
  selectClockPolicy,
} from '../clocks';
import { findOrganisation, outOfHoursSocialServicesFor, socialServicesFor } from '../directory';
import { Conflict, ConsentRequired, InvalidField, NotFound } from '../errors';
import {
  awaitsInvestigationDecision,
  type ChildLegalBasis,
  type ConsentScope,
  consentFor,
  consentId,
  consentScopeFits,
  type DeclineReason,
  type DisclosureBasis,
  type HandoffPurpose,
  type InvestigationDecision,
  movesOwnership,
  purposeFits,
  type Recipient,
  type RevokeReason,
  type ServiceOutcome,
} from '../handoffs';
import {
  checkExtension,
  grantValidity,
  PERMIT_RULES,
  type PermitApplicant,
  type PermitKind,
} from '../permits';
import { present } from '../present';
import {
  type AssignmentReason,
  applyEvent,
  type ClockStopReason,
  type CloseReason,
  coordinatorOfficeOf,
  decideRoute,
  type EventData,
  type EventEnvelope,
  isClockActive,
  isClockPaused,
  type ReferralEvent,
  type ReferralFacts,
  type ReferralState,
  type ReopenReason,
  SYSTEM_ACTOR,
  type TrackedClock,
  type TransferReason,
} from '../referral';
import type { Route } from '../routing';
import { type CoordinatorOfficeId, coordinatorOfficeId, NATIONAL_TRIAGE, type QueueId } from '../vocabulary';
import {
  birthdayAt,
  clockStateAt,
  effectiveTrack,
  escalationStepAt,
  policyOf,
  requiredClocks,
  type TrackingOptions,
} from './clocks';

/** Ids for the offers a decision may make on its own: the report of concern, and out of hours the socialjour's. */
interface AutomaticOffers {
  readonly handoffId: string;
  /** The out-of-hours offer's id; without it no out-of-hours offer is made. */
  readonly outOfHoursHandoffId?: string;
}

export type ReferralCommand =
  | ({ readonly type: 'route'; readonly today: string } & AutomaticOffers)
  | { readonly type: 'acknowledge' }
  | { readonly type: 'add-note'; readonly noteId: string }
  /**
   * Give the referral to a coordinator of its queue's office (themself, or a colleague); moving it from one
   * coordinator to another needs a reason. The caller establishes that `assignee` is a coordinator of `office`.
   */
  | {
      readonly type: 'assign';
      readonly assignee: string;
      readonly office: CoordinatorOfficeId;
      readonly reason?: AssignmentReason;
    }
  | { readonly type: 'unassign'; readonly reason: AssignmentReason }
  | {
      readonly type: 'transfer';
      readonly to: QueueId;
      readonly reason: TransferReason;
      readonly commentId?: string;
    }
  | {
      readonly type: 'offer-handoff';
      readonly handoffId: string;
      readonly recipientId: string;
      readonly purpose: HandoffPurpose;
      /** A child's hand-off records the legal basis of the disclosure; an adult's rests on consent. */
      readonly legalBasis?: ChildLegalBasis;
    }
  | ({ readonly type: 'record-consent' } & ConsentScope)
  | { readonly type: 'withdraw-consent'; readonly consentId: string }
  | { readonly type: 'accept-handoff'; readonly handoffId: string }
  | {
      readonly type: 'decline-handoff';
      readonly handoffId: string;
      readonly reason: DeclineReason;
      readonly commentId?: string;
    }
  | { readonly type: 'revoke-handoff'; readonly handoffId: string; readonly reason: RevokeReason }
  | { readonly type: 'record-decision'; readonly handoffId: string; readonly decision: InvestigationDecision }
  | { readonly type: 'close'; readonly reason: CloseReason; readonly commentId?: string }
  | { readonly type: 'reopen'; readonly reason: ReopenReason; readonly commentId?: string }
  | { readonly type: 'supplement'; readonly supplementId: string }
  /** What the correction event records (facts recomputed from the corrected case data), and the offers it makes. */
  | ({ readonly type: 'correct' } & EventData['referral.corrected.v1'] & AutomaticOffers)
  | ({
      readonly type: 'open-case';
      readonly facts: ReferralFacts;
      readonly personKey?: string;
      readonly consents: readonly ConsentScope[];
    } & AutomaticOffers)
  | { readonly type: 'start-service'; readonly handoffId: string }
  | {
      readonly type: 'end-service';
      readonly handoffId: string;
      readonly outcome: ServiceOutcome;
      readonly commentId?: string;
    }
  | {
      readonly type: 'apply-permit';
      readonly permitId: string;
      readonly kind: PermitKind;
      readonly appliedBy: PermitApplicant;
      readonly appliedOn: string;
    }
  | {
      readonly type: 'decide-permit';
      readonly permitId: string;
      readonly decision: 'granted' | 'refused';
      readonly decidedOn: string;
      readonly validFrom?: string;
      readonly validUntil?: string;
    }
  | {
      readonly type: 'extend-permit';
      readonly permitId: string;
      readonly decidedOn: string;
      readonly validUntil: string;
    }
  | { readonly type: 'revoke-permit'; readonly permitId: string; readonly decidedOn: string }
  | {
      readonly type: 'pause-clock';
      readonly clockId: string;
      readonly reason: ClockPauseReason;
      readonly commentId?: string;
    }
  | { readonly type: 'resume-clock'; readonly clockId: string }
  | { readonly type: 'escalate'; readonly clockId: string };

export type ReferralCommandType = ReferralCommand['type'];

export interface DecideContext extends TrackingOptions {
  /** The instant the command is decided at, UTC ISO; every event it records happens then. */
  readonly now: string;
}

/** Collects events and keeps the state they lead to, so later decisions of the same command see earlier ones. */
class Draft {
  readonly events: ReferralEvent[] = [];
  constructor(
    public state: ReferralState,
    private readonly now: string,
  ) {}

  emit(event: ReferralEvent): void {
    this.events.push(event);
    const envelope = {
      ...event,
      eventId: `draft-${this.events.length}`,
      referralId: this.state.id,
      seq: this.state.version + 1,
      occurredAt: this.now,
      actor: SYSTEM_ACTOR,
    } as EventEnvelope;
    this.state = applyEvent(this.state, envelope);
  }
}

/**
 * Stops clocks whose condition no longer holds and starts those whose condition now holds. `stopReason` says why
 * when the stops are not the ordinary end of a wait (a corrected age moved the case to the other track).
 */
function reconcileClocks(
  draft: Draft,
  catalogue: ClockPolicyCatalogue,
  options: TrackingOptions,
  stopReason?: ClockStopReason,
): void {
  const required = requiredClocks(draft.state, options);
  const keys = new Set(required.map((r) => r.key));
  for (const clock of draft.state.clocks) {
    if (isClockActive(clock) && !keys.has(clock.key)) {
      draft.emit({
        type: 'clock.stopped.v1',
        data: { clockId: clock.id, kind: clock.kind, ...(stopReason ? { reason: stopReason } : {}) },
      });
    }
  }
  for (const r of required) {
    if (draft.state.clocks.some((c) => c.key === r.key && isClockActive(c))) continue;
    const policy = selectClockPolicy(catalogue, r.kind, r.situation);
    const ordinal = draft.state.clocks.filter((c) => c.kind === r.kind).length + 1;
    draft.emit({
      type: 'clock.started.v1',
      data: {
        clockId: `${r.kind}-${ordinal}`,
        key: r.key,
        kind: r.kind,
        policyId: policy.id,
        catalogueVersion: catalogue.version,
        ...present({
          handoffId: r.handoffId,
          permitId: r.permitId,
          startsAt: r.startsAt,
          endsAt: r.endsAt,
          eighteenthBirthday: r.eighteenthBirthday,
        }),
      },
    });
  }
}

function requireOpen(state: ReferralState, action: string): void {
  if (state.status === 'closed') throw new Conflict(`The referral is closed; reopen it to ${action}.`);
  if (state.status === 'received' || !state.route) {
    throw new Conflict(`The referral is not routed yet; it will be within seconds. Retry to ${action}.`);
  }
}

function handoffOf(state: ReferralState, handoffId: string) {
  const handoff = state.handoffs.find((h) => h.id === handoffId);
  if (!handoff) throw new NotFound('No such hand-off on this referral.');
  return handoff;
}

function requireService(state: ReferralState, handoffId: string, from: readonly string[], action: string) {
  const handoff = handoffOf(state, handoffId);
  if (handoff.kind === 'responsibility' || movesOwnership(handoff.purpose)) {
    throw new Conflict(
      `A hand-over of responsibility is not a service: it has no start or end of its own. To ${action}, hand the case on or close it.`,
    );
  }
  if (!from.includes(handoff.status)) {
    throw new Conflict(`The service is ${handoff.status}; it cannot ${action} now.`);
  }
  return handoff;
}

function permitOf(state: ReferralState, permitId: string) {
  const permit = state.permits.find((p) => p.id === permitId);
  if (!permit) throw new NotFound('No such permit on this referral.');
  return permit;
}

/** What each later record of a permit needs it to be, and says when it is not. */
const PERMIT_RECORDS = {
  decision: { status: 'applied', only: 'only an application awaits a decision' },
  extension: { status: 'granted', only: 'only a granted permit can be extended' },
  revocation: { status: 'granted', only: 'only a granted permit can be revoked' },
} as const;

/**
 * The permit a decision, an extension or a revocation is recorded on: the case open, the permit where the record
 * needs it, the decision dated no later than today.
 */
function permitToRecord(
  record: keyof typeof PERMIT_RECORDS,
  state: ReferralState,
  command: { readonly permitId: string; readonly decidedOn: string },
  now: string,
  calendar: Calendar | undefined,
) {
  requireOpen(state, `record a permit ${record}`);
  const permit = permitOf(state, command.permitId);
  const { status, only } = PERMIT_RECORDS[record];
  if (permit.status !== status) throw new Conflict(`The permit is ${permit.status}; ${only}.`);
  pastDate('decidedOn', command.decidedOn, now, calendar);
  return permit;
}

/** A date a decision or application states: a real date, and not in the future (it is recorded after the fact). */
function pastDate(field: string, value: string, now: string, calendar = swedishCalendar): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidField(field, `${field} is not a date (YYYY-MM-DD).`);
  }
  if (value > calendar.localDateOf(now)) {
    throw new InvalidField(field, `${field} is in the future; record it when it has happened.`);
  }
}

function requireOffered(state: ReferralState, handoffId: string) {
  const handoff = handoffOf(state, handoffId);
  if (handoff.status !== 'offered') {
    throw new Conflict(`The hand-off is ${handoff.status}; only an offered hand-off can be answered.`);
  }
  return handoff;
}

function routeOfQueue(queue: QueueId, current: Route): Route {
  if (queue === NATIONAL_TRIAGE) return { region: null, track: current.track, queue };
  const [region, track] = queue.split(':') as [Route['region'] & string, Route['track']];
  return { region, track, queue };
}

/**
 * What a hand-off's disclosure rests on. A child's: the legal basis the coordinator gives. An adult's: the person's
 * consent for this kind of recipient and purpose — without it the hand-off is refused (domain.md §8).
 */
function disclosureBasis(
  state: ReferralState,
  scope: ConsentScope,
  command: { readonly legalBasis?: ChildLegalBasis },
): DisclosureBasis {
  if (effectiveTrack(state) === 'child') {
    if (!command.legalBasis) {
      throw new InvalidField(
        'legalBasis',
        "A child's hand-off records the legal basis of the disclosure: give legalBasis.",
      );
    }
    return { type: 'legal-basis', code: command.legalBasis };
  }
  if (command.legalBasis) {
    throw new InvalidField(
      'legalBasis',
      "An adult's hand-off rests on the person's consent, not on a legal basis: leave legalBasis out.",
    );
  }
  const consent = consentFor(state.consents, scope);
  if (!consent) {
    throw new ConsentRequired(
      `The person has not consented to sharing with a ${scope.recipientType} organisation for '${scope.purpose}'. Record the consent first.`,
    );
  }
  return { type: 'consent', consentId: consent.id };
}

/**
 * The events `command` records on `state`, or Conflict when the state does not allow it. Routing twice and
 * escalating a clock that is not due are not errors: they record nothing, so redelivered messages are harmless.
 */
export function decide(
  state: ReferralState,
  command: ReferralCommand,
  context: DecideContext,
): ReferralEvent[] {
  const catalogue = context.catalogue ?? CLOCK_POLICY_CATALOGUE;
  const options: TrackingOptions = { catalogue, ...(context.calendar ? { calendar: context.calendar } : {}) };
  const draft = new Draft(state, context.now);
  let stopReason: ClockStopReason | undefined;
  switch (command.type) {
    case 'route': {
      if (state.status !== 'received') return [];
      const decision = decideRoute(state, command.today);
      draft.emit({ type: 'referral.routed.v1', data: decision });
      // An anonymous notification is counted, not worked: nobody may act on a person it does not identify, so it
      // runs no clocks and escalates to nobody. It becomes a case if the person consents (open-case).
      if (state.facts.anonymous) {
        draft.emit({ type: 'referral.closed.v1', data: { reason: 'notification-counted' } });
        break;
      }
      offerReportOfConcern(draft, command, context);
      break;
    }
    case 'acknowledge': {
      requireOpen(state, 'acknowledge it');
      if (!state.awaitingAcknowledgement) throw new Conflict('The referral is already acknowledged.');
      const route = state.route!;
      // A referral an organisation has already accepted stays with it; otherwise the acknowledging office owns it.
      const owner = state.owner.type === 'organisation' ? state.owner : coordinatorOfficeOf(route.queue);
      draft.emit({ type: 'referral.acknowledged.v1', data: { queue: route.queue, owner } });
      break;
    }
    case 'assign': {
      requireOpen(state, 'assign it');
      const office = coordinatorOfficeId(state.route!.queue);
      if (command.office !== office) {
        throw new InvalidField(
          'assignee',
          "Only a coordinator of the office of the referral's queue can work it; transfer it first.",
        );
      }
      const previous = state.assignee?.sub;
      if (previous === command.assignee) return [];
      if (previous && !command.reason) {
        throw new InvalidField('reason', 'Moving a referral from one coordinator to another needs a reason.');
      }
      draft.emit({
        type: 'referral.assigned.v1',
        data: {
          assignee: command.assignee,
          office,
          ...(previous ? { previous, reason: command.reason } : {}),
        },
      });
      break;
    }
    case 'unassign': {
      requireOpen(state, 'unassign it');
      if (!state.assignee) return [];
      draft.emit({
        type: 'referral.unassigned.v1',
        data: { previous: state.assignee.sub, reason: command.reason },
      });
      break;
    }
    case 'add-note':
      draft.emit({ type: 'referral.note-added.v1', data: { noteId: command.noteId } });
      break;
    case 'supplement':
      draft.emit({ type: 'referral.supplemented.v1', data: { supplementId: command.supplementId } });
      break;
    case 'correct': {
      if (state.facts.anonymous) {
        throw new Conflict(
          'An anonymous notification keeps no personal data to correct; open a case when the person consents.',
        );
      }
      requireOpen(state, 'correct it');
      if (command.fields.length === 0) return [];
      draft.emit({
        type: 'referral.corrected.v1',
        data: {
          correctionId: command.correctionId,
          fields: command.fields,
          reason: command.reason,
          facts: command.facts,
          ...present({ personKey: command.personKey, commentId: command.commentId }),
        },
      });
      stopReason = followFacts(draft, command, context);
      break;
    }
    case 'open-case': {
      if (!state.facts.anonymous) throw new Conflict('The referral is a case already.');
      // A counted notification was closed when routed: it opens again under the same id, as a case.
      if (state.status === 'closed') {
        draft.emit({
          type: 'referral.reopened.v1',
          data: {
            reason: 'consent-given',
            owner: coordinatorOfficeOf(state.route?.queue ?? NATIONAL_TRIAGE),
          },
        });
      }
      requireOpen(draft.state, 'open a case');
      const consents = command.consents.filter(
        (scope, i) =>
          consentScopeFits(scope) &&
          command.consents.findIndex(
            (s) => s.recipientType === scope.recipientType && s.purpose === scope.purpose,
          ) === i,
      );
      draft.emit({
        type: 'referral.case-opened.v1',
        data: {
          facts: command.facts,
          ...(command.personKey ? { personKey: command.personKey } : {}),
          consents: consents.map((scope, i) => ({
            consentId: consentId(state.consents.length + i + 1),
            ...scope,
          })),
        },
      });
      stopReason = followFacts(draft, command, context);
      break;
    }
    case 'transfer': {
      requireOpen(state, 'transfer it');
      const from = state.route!;
      if (from.queue === command.to) throw new Conflict('The referral is already in that queue.');
      const to = routeOfQueue(command.to, from);
      draft.emit({
        type: 'referral.transferred.v1',
        data: {
          from,
          to,
          reason: command.reason,
          ...present({ commentId: command.commentId }),
        },
      });
      break;
    }
    case 'offer-handoff': {
      requireOpen(state, 'hand it off');
      const recipient = findOrganisation(command.recipientId);
      if (!recipient) throw new NotFound('No such receiving organisation.');
      const track = effectiveTrack(state);
      if (!recipient.purposes.includes(command.purpose)) {
        throw new Conflict(`${recipient.name} does not take '${command.purpose}' hand-offs.`);
      }
      if (!purposeFits(command.purpose, recipient.type, track)) {
        throw new Conflict(
          `A ${recipient.type} organisation does not take '${command.purpose}' hand-offs on the ${track} track.`,
        );
      }
      if (state.owner.type === 'organisation' && state.owner.id === recipient.id) {
        throw new Conflict('The organisation already owns the referral.');
      }
      const live = state.handoffs.some(
        (h) => h.recipient.id === recipient.id && h.purpose === command.purpose && h.status === 'offered',
      );
      if (live) throw new Conflict('The same hand-off is already offered and waiting for an answer.');
      if (state.handoffs.some((h) => h.id === command.handoffId)) {
        throw new Conflict('A hand-off with this id exists.');
      }
      const basis = disclosureBasis(
        state,
        { recipientType: recipient.type, purpose: command.purpose },
        command,
      );
      draft.emit({
        type: 'handoff.offered.v1',
        data: {
          handoffId: command.handoffId,
          recipient: { type: recipient.type, id: recipient.id },
          purpose: command.purpose,
          basis,
        },
      });
      break;
    }
    case 'record-consent': {
      if (state.route && effectiveTrack(state) === 'child') {
        throw new Conflict(
          "A child's hand-offs rest on a legal basis recorded with each hand-off, not on a consent recorded beforehand.",
        );
      }
      const scope = { recipientType: command.recipientType, purpose: command.purpose };
      if (!consentScopeFits(scope)) {
        throw new InvalidField(
          'purpose',
          `A ${scope.recipientType} organisation does not take '${scope.purpose}' hand-offs for adults.`,
        );
      }
      // The same consent twice is one consent: recording it again changes nothing.
      if (consentFor(state.consents, scope)) return [];
      draft.emit({
        type: 'consent.recorded.v1',
        data: { consentId: consentId(state.consents.length + 1), ...scope },
      });
      break;
    }
    case 'withdraw-consent': {
      const consent = state.consents.find((c) => c.id === command.consentId);
      if (!consent) throw new NotFound('No such consent on this referral.');
      if (consent.withdrawnAt) return [];
      draft.emit({ type: 'consent.withdrawn.v1', data: { consentId: consent.id } });
      // An offer that rests on the consent may no longer be answered; what was already accepted stays on record.
      for (const handoff of state.handoffs) {
        if (
          handoff.status === 'offered' &&
          handoff.basis.type === 'consent' &&
          handoff.basis.consentId === consent.id
        ) {
          draft.emit({
            type: 'handoff.revoked.v1',
            data: { handoffId: handoff.id, reason: 'consent-withdrawn' },
          });
        }
      }
      break;
    }
    case 'accept-handoff': {
      const handoff = requireOffered(state, command.handoffId);
      // Responsibility moves the owner; a service runs beside the owner, who keeps working the case.
      draft.emit({
        type: 'handoff.accepted.v1',
        data: {
          handoffId: handoff.id,
          ...(movesOwnership(handoff.purpose)
            ? { owner: { type: 'organisation', id: handoff.recipient.id } as const }
            : {}),
        },
      });
      break;
    }
    case 'start-service': {
      const handoff = requireService(state, command.handoffId, ['accepted'], 'start');
      draft.emit({ type: 'handoff.service-started.v1', data: { handoffId: handoff.id } });
      break;
    }
    case 'end-service': {
      const handoff = requireService(state, command.handoffId, ['accepted', 'active'], 'end');
      draft.emit({
        type: 'handoff.service-ended.v1',
        data: {
          handoffId: handoff.id,
          outcome: command.outcome,
          ...present({ commentId: command.commentId }),
        },
      });
      break;
    }
    case 'apply-permit': {
      requireOpen(state, 'record a permit application');
      const rule = PERMIT_RULES[command.kind];
      if (!rule.applicants.includes(command.appliedBy)) {
        throw new InvalidField(
          'appliedBy',
          `A ${command.kind} permit is applied for by ${rule.applicants.join(' or ')}.`,
        );
      }
      pastDate('appliedOn', command.appliedOn, context.now, options.calendar);
      if (state.permits.some((p) => p.id === command.permitId)) {
        throw new Conflict('A permit with this id exists.');
      }
      const pending = state.permits.find(
        (p) => p.kind === command.kind && (p.status === 'applied' || p.status === 'granted'),
      );
      if (pending) {
        throw new Conflict(
          `A ${command.kind} permit is already ${pending.status}: record its decision, extend or revoke it instead.`,
        );
      }
      draft.emit({
        type: 'permit.applied.v1',
        data: {
          permitId: command.permitId,
          kind: command.kind,
          appliedBy: command.appliedBy,
          appliedOn: command.appliedOn,
        },
      });
      break;
    }
    case 'decide-permit': {
      const permit = permitToRecord('decision', state, command, context.now, options.calendar);
      if (command.decidedOn < permit.appliedOn) {
        throw new InvalidField(
          'decidedOn',
          `The decision cannot come before the application (${permit.appliedOn}).`,
        );
      }
      if (command.decision === 'refused') {
        if (command.validFrom || command.validUntil) {
          throw new InvalidField(
            'validUntil',
            'A refusal has no validity: leave validFrom and validUntil out.',
          );
        }
        draft.emit({
          type: 'permit.decided.v1',
          data: { permitId: permit.id, decision: 'refused', decidedOn: command.decidedOn },
        });
        break;
      }
      const validity = grantValidity(
        permit.kind,
        command.validFrom ?? command.decidedOn,
        command.validUntil,
        options.calendar,
      );
      draft.emit({
        type: 'permit.decided.v1',
        data: { permitId: permit.id, decision: 'granted', decidedOn: command.decidedOn, ...validity },
      });
      break;
    }
    case 'extend-permit': {
      const permit = permitToRecord('extension', state, command, context.now, options.calendar);
      checkExtension(permit, command.validUntil, options.calendar);
      draft.emit({
        type: 'permit.extended.v1',
        data: { permitId: permit.id, decidedOn: command.decidedOn, validUntil: command.validUntil },
      });
      break;
    }
    case 'revoke-permit': {
      const permit = permitToRecord('revocation', state, command, context.now, options.calendar);
      draft.emit({ type: 'permit.revoked.v1', data: { permitId: permit.id, decidedOn: command.decidedOn } });
      break;
    }
    case 'decline-handoff': {
      const handoff = requireOffered(state, command.handoffId);
      draft.emit({
        type: 'handoff.declined.v1',
        data: {
          handoffId: handoff.id,
          reason: command.reason,
          ...present({ commentId: command.commentId }),
        },
      });
      break;
    }
    case 'revoke-handoff': {
      const handoff = requireOffered(state, command.handoffId);
      draft.emit({ type: 'handoff.revoked.v1', data: { handoffId: handoff.id, reason: command.reason } });
      break;
    }
    case 'record-decision': {
      const handoff = handoffOf(state, command.handoffId);
      if (!awaitsInvestigationDecision(handoff)) {
        throw new Conflict(
          handoff.purpose !== 'report-of-concern'
            ? 'Only a report of concern takes a decision on opening an investigation.'
            : handoff.decision
              ? 'The decision is already recorded.'
              : `The hand-off is ${handoff.status}; accept it before recording the decision.`,
        );
      }
      draft.emit({
        type: 'handoff.decision-recorded.v1',
        data: { handoffId: handoff.id, decision: command.decision },
      });
      break;
    }
    case 'close': {
      requireOpen(state, 'close it');
      // Offers still waiting for an answer end with the case; what was accepted stays on the record.
      for (const handoff of state.handoffs) {
        if (handoff.status === 'offered') {
          draft.emit({
            type: 'handoff.revoked.v1',
            data: { handoffId: handoff.id, reason: 'referral-closed' },
          });
        }
      }
      draft.emit({
        type: 'referral.closed.v1',
        data: { reason: command.reason, ...present({ commentId: command.commentId }) },
      });
      break;
    }
    case 'reopen': {
      if (state.status !== 'closed') throw new Conflict('Only a closed referral can be reopened.');
      const queue = state.route?.queue ?? NATIONAL_TRIAGE;
      draft.emit({
        type: 'referral.reopened.v1',
        data: {
          reason: command.reason,
          owner: coordinatorOfficeOf(queue),
          ...present({ commentId: command.commentId }),
        },
      });
      break;
    }
    case 'pause-clock': {
      const clock = state.clocks.find((c) => c.id === command.clockId);
      if (!clock) throw new NotFound('No such clock on this referral.');
      if (!isClockActive(clock)) throw new Conflict('The clock has stopped.');
      if (isClockPaused(clock)) throw new Conflict('The clock is already paused.');
      if (!policyOf(clock, catalogue).pausable) {
        throw new Conflict(
          'This clock is set by law or by a birthday and runs whatever happens; it cannot be paused.',
        );
      }
      if (command.reason === 'other' && !command.commentId) {
        throw new InvalidField('comment', 'A pause for another reason says why: give a comment.');
      }
      draft.emit({
        type: 'clock.paused.v1',
        data: {
          clockId: clock.id,
          reason: command.reason,
          ...present({ commentId: command.commentId }),
        },
      });
      break;
    }
    case 'resume-clock': {
      const clock = state.clocks.find((c) => c.id === command.clockId);
      if (!clock) throw new NotFound('No such clock on this referral.');
      if (!isClockActive(clock) || !isClockPaused(clock)) throw new Conflict('The clock is not paused.');
      draft.emit({ type: 'clock.resumed.v1', data: { clockId: clock.id } });
      break;
    }
    case 'escalate':
      if (escalate(draft, command.clockId, context)) stopReason = 'turned-18';
      break;
  }
  reconcileClocks(draft, catalogue, options, stopReason);
  return draft.events;
}

const isLive = (status: string) => status === 'offered' || status === 'accepted' || status === 'active';

/**
 * A child's report of concern goes to social services where the child is, at once (domain.md §4). A child with an
 * acute protection need outside office hours is also offered to the municipality's out-of-hours social services
 * (socialjour), whose answer is due within the hour, around the clock; the day service keeps the report.
 */
function offerReportOfConcern(draft: Draft, offers: AutomaticOffers, context: DecideContext): void {
  const { state } = draft;
  const location = state.facts.location;
  if (!state.route || effectiveTrack(state) !== 'child' || !('municipalityCode' in location)) return;
  const socialServices = socialServicesFor(location.municipalityCode);
  const reported = state.handoffs.some((h) => h.purpose === 'report-of-concern' && isLive(h.status));
  // Both offers rest on the duty to report a concern about a child.
  const offer = (handoffId: string, recipient: Recipient, purpose: HandoffPurpose) =>
    draft.emit({
      type: 'handoff.offered.v1',
      data: { handoffId, recipient, purpose, basis: { type: 'legal-basis', code: 'duty-to-report' } },
    });
  if (!reported && socialServices) {
    offer(offers.handoffId, { type: socialServices.type, id: socialServices.id }, 'report-of-concern');
  }
  const calendar = context.calendar ?? swedishCalendar;
  const onCall = outOfHoursSocialServicesFor(location.municipalityCode);
  const protecting = state.handoffs.some((h) => h.purpose === 'out-of-hours-protection' && isLive(h.status));
  if (
    !offers.outOfHoursHandoffId ||
    !onCall ||
    protecting ||
    !state.facts.acuteProtection ||
    calendar.isWorkingTime(context.now)
  ) {
    return;
  }
  offer(offers.outOfHoursHandoffId, { type: onCall.type, id: onCall.id }, 'out-of-hours-protection');
}

/**
 * Everything that depends on the facts follows a correction: a referral whose route changes (a corrected age moves it
 * to the other track, a corrected municipality to another region) is transferred; offers that do not fit the new
 * track are revoked; a child gets the report of concern. Returns the reason the clocks it ends are stopped with.
 */
function followFacts(
  draft: Draft,
  offers: AutomaticOffers,
  context: DecideContext,
): ClockStopReason | undefined {
  const from = draft.state.route!;
  const { route: to } = decideRoute(draft.state, context.now.slice(0, 10));
  if (to.queue === from.queue) {
    // A municipality named for a child known only by county makes the report of concern possible.
    offerReportOfConcern(draft, offers, context);
    return undefined;
  }
  const trackChanged = to.track !== from.track;
  const reason: TransferReason = trackChanged
    ? to.track === 'child'
      ? 'child-track'
      : 'adult-track'
    : 'person-moved';
  draft.emit({ type: 'referral.transferred.v1', data: { from, to, reason } });
  if (!trackChanged) return undefined;
  for (const handoff of draft.state.handoffs) {
    if (handoff.status === 'offered' && !purposeFits(handoff.purpose, handoff.recipient.type, to.track)) {
      draft.emit({ type: 'handoff.revoked.v1', data: { handoffId: handoff.id, reason: 'track-changed' } });
    }
  }
  offerReportOfConcern(draft, offers, context);
  return 'track-changed';
}

/**
 * The turning-18 clock: its alarm (60 days before, recorded as its due time) and then the birthday, when the case
 * comes of age and goes on. Returns whether it came of age, so the child-only clocks end with that reason.
 */
function comeOfAge(draft: Draft, clock: TrackedClock, context: DecideContext): boolean {
  const now = context.now;
  const state = clockStateAt(clock, now, context);
  if (!clock.breached && Date.parse(now) >= Date.parse(state.dueAt)) {
    draft.emit({
      type: 'clock.breached.v1',
      data: { clockId: clock.id, kind: clock.kind, dueAt: state.dueAt },
    });
  }
  if (draft.state.cameOfAgeAt || Date.parse(now) < Date.parse(birthdayAt(clock, context))) return false;
  draft.emit({ type: 'referral.came-of-age.v1', data: { clockId: clock.id } });
  return true;
}

/**
 * Records every escalation step of the clock whose time has come, in order; nothing when none has. Returns whether
 * the case came of age (the turning-18 clock's birthday).
 */
function escalate(draft: Draft, clockId: string, context: DecideContext): boolean {
  const clock = draft.state.clocks.find((c) => c.id === clockId);
  if (!clock || !isClockActive(clock) || isClockPaused(clock)) return false;
  if (clock.kind === 'turning-18' && clock.eighteenthBirthday) return comeOfAge(draft, clock, context);
  const now = context.now;
  const state = clockStateAt(clock, now, context);
  const policy = policyOf(clock, context.catalogue);
  const { kind } = clock;
  let breached = clock.breached;
  let step = clock.escalationStep;
  if (!breached && Date.parse(now) >= Date.parse(state.dueAt)) {
    // Past the due time a warning would say less than the breach does: the breach alone is recorded.
    draft.emit({ type: 'clock.breached.v1', data: { clockId, kind, dueAt: state.dueAt } });
    breached = true;
    const target = policy.escalation[1];
    if (target) {
      draft.emit({
        type: 'clock.escalated.v1',
        data: { clockId, kind, step: 1, target, dueAt: state.dueAt },
      });
      step = 1;
    }
  } else if (!breached && !clock.warned && state.warnAt && Date.parse(now) >= Date.parse(state.warnAt)) {
    draft.emit({ type: 'clock.warned.v1', data: { clockId, kind, dueAt: state.dueAt } });
  }
  if (!breached) return false;
  for (let next = Math.max(2, step + 1); next < policy.escalation.length; next++) {
    const at = escalationStepAt(clock, state, next, context);
    if (Date.parse(now) < Date.parse(at)) break;
    draft.emit({
      type: 'clock.escalated.v1',
      data: { clockId, kind, step: next, target: policy.escalation[next]!, dueAt: state.dueAt },
    });
    step = next;
  }
  // An offer nobody answered through the whole chain lapses; the owner, who never stopped owning, offers again.
  if (kind === 'handoff-accept' && clock.handoffId && step >= policy.escalation.length - 1) {
    const handoff = draft.state.handoffs.find((h) => h.id === clock.handoffId);
    if (handoff?.status === 'offered') {
      draft.emit({ type: 'handoff.expired.v1', data: { handoffId: handoff.id, clockId } });
    }
  }
  return false;
}
