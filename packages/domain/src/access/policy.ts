// The authorisation policy: the one place every endpoint asks "may this caller do this to that?" (domain.md §8).
import {
  coordinatorOfficeId,
  NATIONAL_TRIAGE,
  type Principal,
  type QueueId,
  queueOf,
  type Region,
  type Role,
  TRACKS,
  type Track,
} from '../vocabulary';

export const ACTIONS = [
  'referral.create',
  'referral.read',
  'referral.list-queue',
  'referral.list-own',
  'referral.history',
  'referral.read-notes',
  'referral.acknowledge',
  'referral.note',
  'referral.handoff',
  'referral.transfer',
  'referral.close',
  'referral.reopen',
  'referral.supplement',
  'handoff.accept',
  'handoff.decline',
  'handoff.revoke',
  'handoff.list-own',
  'audit.read',
  'stats.read',
  'consent.record',
  'referral.read-case',
  'referral.correct',
  'referral.open-case',
  'consent.withdraw',
  'clock.pause',
  'permit.apply',
  'permit.decide',
  'service.update',
  'webhook.manage',
  'feed.read',
  'referral.assign',
  'referral.list-assigned',
  'referral.search',
  'team.read',
] as const;
export type Action = (typeof ACTIONS)[number];

/** A service hand-off goes on from accepted to active (the service began) and ended (with an outcome). */
export type HandoffStatus = 'offered' | 'accepted' | 'active' | 'ended' | 'declined' | 'revoked' | 'expired';

export interface HandoffFacts {
  readonly id: string;
  readonly recipientOrganisationId: string;
  readonly status: HandoffStatus;
  /** What it is for: a service's recipient records what its purpose concerns (e.g. a permit application). */
  readonly purpose?: string;
  /** Whether the disclosure still rests on something (the consent in force, or a legal basis); true if absent. */
  readonly basisHolds?: boolean;
}

/** What the policy needs to know about a referral; the caller loads it before asking. */
export interface AccessFacts {
  readonly queue: QueueId;
  readonly region: Region | null;
  readonly track: Track;
  readonly referrerOrganisationId: string;
  readonly owner: { readonly type: 'coordinator-office' | 'organisation'; readonly id: string };
  readonly handoffs: readonly HandoffFacts[];
  /**
   * Carried so callers can pass the stored facts unchanged. The policy ignores it on purpose: whether a
   * transition is possible (reopen only when closed, …) is the use case's 409, not a permission.
   */
  readonly status: string;
}

export interface AccessTarget {
  readonly referral?: AccessFacts;
  readonly queue?: QueueId;
  readonly handoffId?: string;
}

/**
 * How much of a referral the caller may be shown: everything, the referrer's purpose-limited status, what was
 * handed to a receiving organisation, or no referral content at all (statistics, audit trails).
 */
export type View = 'full' | 'status' | 'handoff' | 'none';

export type Decision = { allow: true; view: View } | { allow: false; status: 403 | 404; reason: string };

export const WRITE_SCOPE = 'referrals:write';
/** The scope an agency system needs to register and manage its organisation's webhook endpoints. */
export const WEBHOOKS_SCOPE = 'webhooks:manage';

interface Context {
  readonly principal: Principal;
  readonly referral?: AccessFacts;
  readonly queue?: QueueId;
  readonly handoff?: HandoffFacts;
}

interface Condition {
  readonly text: string;
  readonly holds: (context: Context) => boolean;
}

// A hand-off that was declined, revoked, has expired or whose service ended no longer gives its recipient a need to
// know.
export const LIVE_HANDOFF: readonly HandoffStatus[] = ['offered', 'accepted', 'active'];

/**
 * The queues a coordinator works: the regional one of their track, or the national coordinator's triage. A regional
 * lead leads the office of one region and track: the office is their organisation.
 */
export function queuesWorkedBy({
  role,
  region,
  organisationId,
}: Pick<Principal, 'role' | 'region' | 'organisationId'>): readonly QueueId[] {
  if (role === 'national-coordinator') return [NATIONAL_TRIAGE];
  if (!region) return [];
  if (role === 'regional-lead') {
    return TRACKS.map((track) => queueOf(region, track)).filter(
      (queue) => coordinatorOfficeId(queue) === organisationId,
    );
  }
  if (role === 'regional-coordinator') return [queueOf(region, 'adult')];
  if (role === 'child-coordinator') return [queueOf(region, 'child')];
  return [];
}

function ownedByOwnOrganisation({ principal, referral }: Context): boolean {
  return referral?.owner.type === 'organisation' && referral.owner.id === principal.organisationId;
}

function servesPurpose({ principal, referral }: Context, purposes: readonly string[]): boolean {
  return !!referral?.handoffs.some(
    (h) =>
      h.recipientOrganisationId === principal.organisationId &&
      LIVE_HANDOFF.includes(h.status) &&
      h.purpose !== undefined &&
      purposes.includes(h.purpose),
  );
}

const CONDITIONS = {
  'may-write': {
    text: `a person, or an agency system holding scope ${WRITE_SCOPE}`,
    // People are vetted when they are given the role; a machine client is limited by what its scopes grant.
    holds: ({ principal }) => principal.kind === 'person' || principal.scopes.includes(WRITE_SCOPE),
  },
  'may-manage-webhooks': {
    text: `a person of the organisation, or an agency system holding scope ${WEBHOOKS_SCOPE}`,
    holds: ({ principal }) => principal.kind === 'person' || principal.scopes.includes(WEBHOOKS_SCOPE),
  },
  'submitted-by-own-organisation': {
    text: "the caller's organisation submitted the referral",
    holds: ({ principal, referral }) => referral?.referrerOrganisationId === principal.organisationId,
  },
  'referral-in-own-queue': {
    text: 'the referral is in the queue the caller works',
    holds: ({ principal, referral }) => !!referral && queuesWorkedBy(principal).includes(referral.queue),
  },
  'own-queue': {
    text: 'the queue is the one the caller works',
    holds: ({ principal, queue }) => !!queue && queuesWorkedBy(principal).includes(queue),
  },
  'owned-by-own-office': {
    text: "the caller's coordinator office owns the referral",
    holds: ({ principal, referral }) =>
      referral?.owner.type === 'coordinator-office' &&
      queuesWorkedBy(principal).some((queue) => coordinatorOfficeId(queue) === referral.owner.id),
  },
  'owned-by-own-organisation': {
    text: "the caller's organisation accepted the referral and owns it",
    holds: ownedByOwnOrganisation,
  },
  'handed-to-own-organisation': {
    text: "a live (offered or accepted) hand-off goes to the caller's organisation",
    holds: ({ principal, referral }) =>
      !!referral?.handoffs.some(
        (h) => h.recipientOrganisationId === principal.organisationId && LIVE_HANDOFF.includes(h.status),
      ),
  },
  'addressed-to-own-organisation': {
    text: "the hand-off is live (offered or accepted) and addressed to the caller's organisation",
    holds: ({ principal, handoff }) =>
      handoff?.recipientOrganisationId === principal.organisationId && LIVE_HANDOFF.includes(handoff.status),
  },
  'disclosure-basis-holds': {
    text: "a live hand-off to the caller's organisation still rests on its basis (consent in force or a legal duty), and the referral is open",
    holds: ({ principal, referral }) =>
      !!referral &&
      referral.status !== 'closed' &&
      referral.handoffs.some(
        (h) =>
          h.recipientOrganisationId === principal.organisationId &&
          LIVE_HANDOFF.includes(h.status) &&
          h.basisHolds !== false,
      ),
  },
  'owns-or-serves-permit-application': {
    text: "the caller's organisation owns the referral, or is the police running a live criminal-investigation or reflection-period-permit hand-off (the preliminary-investigation leader applies)",
    holds: (context) =>
      ownedByOwnOrganisation(context) ||
      (context.principal.organisationType === 'police' &&
        servesPurpose(context, ['criminal-investigation', 'reflection-period-permit'])),
  },
  'owns-or-serves-permit-decision': {
    text: "the caller's organisation owns the referral, or is Migrationsverket running a live reflection-period-permit hand-off",
    holds: (context) =>
      ownedByOwnOrganisation(context) ||
      (context.principal.organisationType === 'migrationsverket' &&
        servesPurpose(context, ['reflection-period-permit'])),
  },
} satisfies Record<string, Condition>;
type ConditionName = keyof typeof CONDITIONS;

/** A role may perform an action when every condition holds; the caller is then shown `view`. */
interface Grant {
  readonly when: readonly ConditionName[];
  readonly view: View;
}
type Policy = { readonly [A in Action]: { readonly [R in Role]?: Grant } };

// The role alone is enough.
const ALWAYS = [] as const;

const COORDINATORS_OF_ITS_QUEUE = {
  'regional-coordinator': { when: ['referral-in-own-queue'], view: 'full' },
  'child-coordinator': { when: ['referral-in-own-queue'], view: 'full' },
  'national-coordinator': { when: ['referral-in-own-queue'], view: 'full' },
} as const;

// The owner acts only while it may also see the referral: an office whose referral was moved to another
// queue has lost its need to know even if ownership has not caught up yet. National sees every queue.
const OWNER_OFFICE = {
  'regional-coordinator': { when: ['referral-in-own-queue', 'owned-by-own-office'], view: 'full' },
  'child-coordinator': { when: ['referral-in-own-queue', 'owned-by-own-office'], view: 'full' },
  'national-coordinator': { when: ['owned-by-own-office'], view: 'full' },
} as const;

// A regional lead sees the referrals of the queue they lead (to reassign them and answer a breach), not the case file.
const LEAD_OF_ITS_QUEUE = {
  'regional-lead': { when: ['referral-in-own-queue'], view: 'full' },
} as const;

// A receiving organisation that accepted the referral is its accountable owner: it keeps notes, hands on (e.g. to
// Barnahus or NSP), revokes its own offers and closes the case. Moving it between coordinator queues stays with the
// coordinators.
const OWNER = {
  ...OWNER_OFFICE,
  receiver: { when: ['owned-by-own-organisation'], view: 'handoff' },
} as const;

const RECIPIENT = {
  receiver: { when: ['addressed-to-own-organisation'], view: 'handoff' },
} as const;

/** The whole policy. A role missing under an action may never perform it. */
const POLICY: Policy = {
  // Every intake channel (issue 17): referrers over the API and the web; the national coordinator's support phone
  // (channel `phone`) and coordinators doing outreach (`outreach`) register a case themselves, their office recorded
  // as the referring organisation. The view is what each already sees of a referral.
  'referral.create': {
    referrer: { when: ['may-write'], view: 'status' },
    'regional-coordinator': { when: ['may-write'], view: 'full' },
    'child-coordinator': { when: ['may-write'], view: 'full' },
    'national-coordinator': { when: ['may-write'], view: 'full' },
  },
  'referral.read': {
    referrer: { when: ['submitted-by-own-organisation'], view: 'status' },
    'regional-coordinator': { when: ['referral-in-own-queue'], view: 'full' },
    'child-coordinator': { when: ['referral-in-own-queue'], view: 'full' },
    'national-coordinator': { when: ALWAYS, view: 'full' },
    ...LEAD_OF_ITS_QUEUE,
    receiver: { when: ['handed-to-own-organisation'], view: 'handoff' },
  },
  'referral.list-queue': {
    'regional-coordinator': { when: ['own-queue'], view: 'full' },
    'child-coordinator': { when: ['own-queue'], view: 'full' },
    'national-coordinator': { when: ALWAYS, view: 'full' },
    'regional-lead': { when: ['own-queue'], view: 'full' },
  },
  // An office that registered referrals itself (support phone, outreach) lists them as any referrer does.
  'referral.list-own': {
    referrer: { when: ALWAYS, view: 'status' },
    'regional-coordinator': { when: ALWAYS, view: 'status' },
    'child-coordinator': { when: ALWAYS, view: 'status' },
    'national-coordinator': { when: ALWAYS, view: 'status' },
  },
  // The timeline of events: for those who see the whole referral.
  'referral.history': {
    'regional-coordinator': { when: ['referral-in-own-queue'], view: 'full' },
    'child-coordinator': { when: ['referral-in-own-queue'], view: 'full' },
    'national-coordinator': { when: ALWAYS, view: 'full' },
    ...LEAD_OF_ITS_QUEUE,
  },
  // Notes, comments and supplements are personal data: the coordinators of its queue and national read them all; an
  // organisation that owns the referral reads what it wrote itself (view 'handoff').
  'referral.read-notes': {
    'regional-coordinator': { when: ['referral-in-own-queue'], view: 'full' },
    'child-coordinator': { when: ['referral-in-own-queue'], view: 'full' },
    'national-coordinator': { when: ALWAYS, view: 'full' },
    receiver: { when: ['owned-by-own-organisation'], view: 'handoff' },
  },
  'referral.acknowledge': COORDINATORS_OF_ITS_QUEUE,
  'referral.note': OWNER,
  'referral.handoff': OWNER,
  'referral.transfer': OWNER_OFFICE,
  'referral.close': OWNER,
  'referral.reopen': {
    ...COORDINATORS_OF_ITS_QUEUE,
    'national-coordinator': { when: ALWAYS, view: 'full' },
  },
  'referral.supplement': {
    referrer: { when: ['submitted-by-own-organisation', 'may-write'], view: 'status' },
  },
  'handoff.accept': RECIPIENT,
  'handoff.decline': RECIPIENT,
  'handoff.revoke': OWNER,
  'handoff.list-own': {
    receiver: { when: ALWAYS, view: 'handoff' },
  },
  'audit.read': {
    auditor: { when: ALWAYS, view: 'none' },
    'national-coordinator': { when: ALWAYS, view: 'none' },
  },
  'stats.read': {
    'national-coordinator': { when: ALWAYS, view: 'none' },
  },
  // Whoever may hand the referral on records (or withdraws) the consent a hand-off of an adult rests on.
  'consent.record': OWNER,
  // The case file (domain.md §9): the coordinators of its queue read all of it (national while it triages); the
  // referrer reads back what it sent; a receiving organisation what its live hand-offs disclose (profiles.ts) while
  // their basis holds — for an owning organisation, what its purpose discloses.
  'referral.read-case': {
    referrer: { when: ['submitted-by-own-organisation'], view: 'status' },
    ...COORDINATORS_OF_ITS_QUEUE,
    receiver: { when: ['disclosure-basis-holds'], view: 'handoff' },
  },
  'referral.correct': {
    ...COORDINATORS_OF_ITS_QUEUE,
    receiver: { when: ['owned-by-own-organisation'], view: 'handoff' },
  },
  // An anonymous notification becomes a case when the person consents: recorded by the coordinators or the referrer.
  'referral.open-case': {
    referrer: { when: ['submitted-by-own-organisation', 'may-write'], view: 'status' },
    ...COORDINATORS_OF_ITS_QUEUE,
  },
  // A withdrawal must be honoured whoever the person tells: the owner, or the coordinators of the referral's queue
  // even after an organisation has accepted it.
  'consent.withdraw': { ...OWNER, ...COORDINATORS_OF_ITS_QUEUE },
  // The owner and the coordinators of the queue keep working the case whatever services run beside it (domain.md
  // §2): they pause a clock while the person cannot be reached, is in hospital or waits for an interpreter.
  'clock.pause': { ...OWNER, ...COORDINATORS_OF_ITS_QUEUE },
  // The permit ledger (domain.md §5): an application is made by the preliminary-investigation leader or by social
  // services, a decision by Migrationsverket; the owner and the coordinators record what they are told.
  'permit.apply': {
    ...OWNER,
    ...COORDINATORS_OF_ITS_QUEUE,
    receiver: { when: ['owns-or-serves-permit-application'], view: 'handoff' },
  },
  'permit.decide': {
    ...OWNER,
    ...COORDINATORS_OF_ITS_QUEUE,
    receiver: { when: ['owns-or-serves-permit-decision'], view: 'handoff' },
  },
  // A service's recipient records that it began and how it ended; the owner and the coordinators may record it too.
  'service.update': { ...OWNER, ...COORDINATORS_OF_ITS_QUEUE, ...RECIPIENT },
  // Webhooks and the event feed (issue 17) are the caller's own organisation's: purpose-limited messages about the
  // referrals it has a part in, never another organisation's. The auditor's office receives none.
  'webhook.manage': {
    referrer: { when: ['may-manage-webhooks'], view: 'none' },
    receiver: { when: ['may-manage-webhooks'], view: 'none' },
    'regional-coordinator': { when: ['may-manage-webhooks'], view: 'none' },
    'child-coordinator': { when: ['may-manage-webhooks'], view: 'none' },
    'national-coordinator': { when: ['may-manage-webhooks'], view: 'none' },
  },
  'feed.read': {
    referrer: { when: ALWAYS, view: 'none' },
    receiver: { when: ALWAYS, view: 'none' },
    'regional-coordinator': { when: ALWAYS, view: 'none' },
    'child-coordinator': { when: ALWAYS, view: 'none' },
    'national-coordinator': { when: ALWAYS, view: 'none' },
  },
  // Who works a referral (assignment.ts): its queue's coordinators take it or give it to a colleague, the regional
  // lead of that queue moves it between them. The office stays the owner.
  'referral.assign': { ...COORDINATORS_OF_ITS_QUEUE, ...LEAD_OF_ITS_QUEUE },
  // "My cases": what is assigned to the caller, across the queues they work.
  'referral.list-assigned': {
    'regional-coordinator': { when: ALWAYS, view: 'full' },
    'child-coordinator': { when: ALWAYS, view: 'full' },
    'national-coordinator': { when: ALWAYS, view: 'full' },
  },
  // Finding a case by name and date of birth: coordinators, within the queues they work (national: every queue).
  'referral.search': {
    'regional-coordinator': { when: ALWAYS, view: 'full' },
    'child-coordinator': { when: ALWAYS, view: 'full' },
    'national-coordinator': { when: ALWAYS, view: 'full' },
  },
  // The team's workload: counts per coordinator and how long unassigned referrals have waited, no case content.
  'team.read': {
    'regional-lead': { when: ['own-queue'], view: 'none' },
    'national-coordinator': { when: ALWAYS, view: 'none' },
  },
};

/**
 * Actions whose refusal is 404 for a reader who otherwise sees the referral in this view: a receiving organisation
 * whose hand-off no longer discloses the case (consent withdrawn, closed) must find no case file, not a refusal.
 */
const NOT_FOUND_FOR_VIEW: Partial<Record<Action, readonly View[]>> = {
  'referral.read-case': ['handoff'],
};

const TARGET_OF: { readonly [A in Action]: 'referral' | 'handoff' | 'queue' | 'none' } = {
  'referral.create': 'none',
  'referral.read': 'referral',
  'referral.list-queue': 'queue',
  'referral.list-own': 'none',
  'referral.history': 'referral',
  'referral.read-notes': 'referral',
  'referral.acknowledge': 'referral',
  'referral.note': 'referral',
  'referral.handoff': 'referral',
  'referral.transfer': 'referral',
  'referral.close': 'referral',
  'referral.reopen': 'referral',
  'referral.supplement': 'referral',
  'handoff.accept': 'handoff',
  'handoff.decline': 'handoff',
  'handoff.revoke': 'handoff',
  'handoff.list-own': 'none',
  // An audit trail may be asked for one referral or for everything; a given referral only shapes the denial.
  'audit.read': 'none',
  'stats.read': 'none',
  'consent.record': 'referral',
  'referral.read-case': 'referral',
  'referral.correct': 'referral',
  'referral.open-case': 'referral',
  'consent.withdraw': 'referral',
  'clock.pause': 'referral',
  'permit.apply': 'referral',
  'permit.decide': 'referral',
  'service.update': 'handoff',
  'webhook.manage': 'none',
  'feed.read': 'none',
  'referral.assign': 'referral',
  'referral.list-assigned': 'none',
  'referral.search': 'none',
  'team.read': 'queue',
};

// Reasons are fixed texts: they may reach a problem+json detail or a log, so they never carry ids or content.
const REFERRAL_NOT_FOUND = { allow: false, status: 404, reason: 'referral not found' } as const;
const HANDOFF_NOT_FOUND = { allow: false, status: 404, reason: 'hand-off not found' } as const;
const QUEUE_NOT_FOUND = { allow: false, status: 404, reason: 'queue not found' } as const;

function grantedView(action: Action, context: Context): View | null {
  const grant = POLICY[action][context.principal.role];
  if (!grant) return null;
  return grant.when.every((name) => CONDITIONS[name].holds(context)) ? grant.view : null;
}

function forbidden(action: Action, role: Role): Decision {
  const grant = POLICY[action][role];
  const reason = grant
    ? `${action} requires ${describeConditions(grant.when)}`
    : `role ${role} may not perform ${action}`;
  return { allow: false, status: 403, reason };
}

/**
 * Decides whether `principal` may perform `action` on `target`. A denial is 404 whenever the caller may not
 * know the target exists (api.md), and 403 when it may see the target but not do this to it.
 */
export function authorize(principal: Principal, action: Action, target: AccessTarget = {}): Decision {
  const { referral, queue, handoffId } = target;
  const needs = TARGET_OF[action];
  if ((needs === 'referral' || needs === 'handoff') && !referral) return REFERRAL_NOT_FOUND;
  if (needs === 'queue' && !queue) return QUEUE_NOT_FOUND;
  const handoff = needs === 'handoff' ? referral?.handoffs.find((h) => h.id === handoffId) : undefined;
  if (needs === 'handoff' && !handoff) return HANDOFF_NOT_FOUND;

  const context: Context = { principal, referral, queue, handoff };
  const view = grantedView(action, context);
  if (view) return { allow: true, view };

  const readView = referral ? grantedView('referral.read', context) : null;
  if (referral && !readView) return needs === 'handoff' ? HANDOFF_NOT_FOUND : REFERRAL_NOT_FOUND;
  if (readView && NOT_FOUND_FOR_VIEW[action]?.includes(readView)) return REFERRAL_NOT_FOUND;
  // Only the full view lists hand-offs; the recipient knows its own live hand-off; anyone else must not learn of it.
  if (handoff && readView !== 'full' && !CONDITIONS['addressed-to-own-organisation'].holds(context)) {
    return HANDOFF_NOT_FOUND;
  }
  return forbidden(action, principal.role);
}

function describeConditions(when: readonly ConditionName[]): string {
  return when.length === 0 ? 'always' : when.map((name) => CONDITIONS[name].text).join(' and ');
}

export interface PolicyLine {
  readonly action: Action;
  readonly role: Role;
  readonly when: string;
  readonly view: View;
}

/** The policy in words, one line per action and role that may perform it, for the README. */
export function describePolicy(): readonly PolicyLine[] {
  return ACTIONS.flatMap((action) =>
    (Object.entries(POLICY[action]) as [Role, Grant][]).map(([role, grant]) => ({
      action,
      role,
      when: describeConditions(grant.when),
      view: grant.view,
    })),
  );
}
