// Who may see and do what (domain.md §8, api.md). The expected outcomes below are written out by hand from the
// rules in the brief, one grid per situation, so the policy is checked against the rules and not against itself.
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type AccessFacts,
  type AccessTarget,
  type Action,
  authorize,
  type Decision,
  describePolicy,
} from '../src/access';
import {
  coordinatorOfficeId,
  type OrganisationType,
  type Principal,
  type QueueId,
  type Region,
  ROLES,
  type Role,
} from '../src/vocabulary';

type Expected = 'full' | 'status' | 'handoff' | 'none' | 403 | 404;
const F = 'full';
const S = 'status';
const H = 'handoff';
const N = 'none';

function outcome(decision: Decision): Expected {
  return decision.allow ? decision.view : decision.status;
}

function person(
  role: Role,
  organisationId: string,
  organisationType: OrganisationType,
  region?: Region,
): Principal {
  return {
    sub: `${organisationId}/user`,
    role,
    organisationId,
    organisationType,
    region,
    scopes: [],
    kind: 'person',
  };
}

function client(organisationId: string, organisationType: OrganisationType, scopes: string[]): Principal {
  return {
    sub: `${organisationId}/system`,
    role: 'referrer',
    organisationId,
    organisationType,
    scopes,
    kind: 'client',
  };
}

const CALLERS = {
  referrer: person('referrer', 'org:police-syd', 'police'),
  'referrer system': client('org:police-syd', 'police', ['referrals:write']),
  'referrer system, read-only': client('org:police-syd', 'police', ['referrals:read']),
  'other referrer': person('referrer', 'org:migrationsverket', 'migrationsverket'),
  'regional syd': person('regional-coordinator', 'org:coordinators-syd', 'coordinator-office', 'syd'),
  'regional vast': person('regional-coordinator', 'org:coordinators-vast', 'coordinator-office', 'vast'),
  'child syd': person('child-coordinator', 'org:coordinators-syd', 'coordinator-office', 'syd'),
  'child vast': person('child-coordinator', 'org:coordinators-vast', 'coordinator-office', 'vast'),
  national: person('national-coordinator', 'org:nspm', 'national-coordinator'),
  'receiver offered': person('receiver', 'org:offered', 'social-services'),
  'receiver accepted': person('receiver', 'org:accepted', 'nsp'),
  'receiver declined': person('receiver', 'org:declined', 'barnahus'),
  'receiver revoked': person('receiver', 'org:revoked', 'health-care'),
  'receiver expired': person('receiver', 'org:expired', 'return-programme'),
  'receiver unrelated': person('receiver', 'org:unrelated', 'social-services'),
  auditor: person('auditor', 'org:audit', 'national-coordinator'),
} satisfies Record<string, Principal>;
type Caller = keyof typeof CALLERS;
type Grid = Record<Caller, readonly Expected[]>;

function referral(facts: Partial<AccessFacts>): AccessFacts {
  return {
    queue: 'syd:adult',
    region: 'syd',
    track: 'adult',
    referrerOrganisationId: 'org:police-syd',
    owner: { type: 'coordinator-office', id: 'coordinator-office:syd:adult' },
    handoffs: [],
    status: 'acknowledged',
    ...facts,
  };
}

const ADULT_SYD = referral({
  handoffs: [
    { id: 'h-offered', recipientOrganisationId: 'org:offered', status: 'offered' },
    { id: 'h-declined', recipientOrganisationId: 'org:declined', status: 'declined' },
    { id: 'h-revoked', recipientOrganisationId: 'org:revoked', status: 'revoked' },
    { id: 'h-expired', recipientOrganisationId: 'org:expired', status: 'expired' },
  ],
});
const ACCEPTED_SYD = referral({
  status: 'handed-off',
  owner: { type: 'organisation', id: 'org:accepted' },
  handoffs: [
    { id: 'h-declined-first', recipientOrganisationId: 'org:declined', status: 'declined' },
    { id: 'h-accepted', recipientOrganisationId: 'org:accepted', status: 'accepted' },
  ],
});
const CHILD_SYD = referral({
  queue: 'syd:child',
  track: 'child',
  owner: { type: 'coordinator-office', id: 'coordinator-office:syd:child' },
  handoffs: [{ id: 'h-child', recipientOrganisationId: 'org:offered', status: 'offered' }],
});
const TRIAGE = referral({
  queue: 'national:triage',
  region: null,
  track: 'child',
  status: 'routed',
  owner: { type: 'coordinator-office', id: 'coordinator-office:national:triage' },
});
// Moved from vast to syd; vast's office still owns it until syd takes it on.
const TRANSFERRED_TO_SYD = referral({
  status: 'routed',
  owner: { type: 'coordinator-office', id: 'coordinator-office:vast:adult' },
});

const IDS_THAT_MUST_NOT_LEAK = [
  ...Object.values(CALLERS).map((c) => c.organisationId),
  ...[ADULT_SYD, ACCEPTED_SYD, CHILD_SYD].flatMap((r) => r.handoffs.map((h) => h.id)),
  'coordinator-office:',
];

function check(caller: Caller, action: Action, target: AccessTarget | undefined, expected: Expected): void {
  const decision = authorize(CALLERS[caller], action, target);
  expect(outcome(decision)).toBe(expected);
  if (!decision.allow) {
    expect(decision.reason).not.toBe('');
    for (const id of IDS_THAT_MUST_NOT_LEAK) expect(decision.reason).not.toContain(id);
  }
}

/** The same answer for every caller: a grid names only who differs. */
function everyone<C extends object = typeof CALLERS>(expected: readonly Expected[], callers?: C) {
  const names = Object.keys(callers ?? CALLERS) as (keyof C)[];
  return Object.fromEntries(names.map((caller) => [caller, expected])) as Record<
    keyof C,
    readonly Expected[]
  >;
}

function cases<C extends string = Caller>(columns: readonly Action[], grid: Record<C, readonly Expected[]>) {
  return (Object.entries(grid) as [C, readonly Expected[]][]).flatMap(([caller, row]) => {
    expect(row).toHaveLength(columns.length);
    return columns.map((action, i) => ({ caller, action, expected: row[i] as Expected }));
  });
}

const REFERRAL_COLUMNS = [
  'referral.read',
  'referral.acknowledge',
  'referral.note',
  'referral.handoff',
  'referral.transfer',
  'referral.close',
  'referral.reopen',
  'referral.supplement',
  'consent.record',
  'audit.read',
  'referral.history',
  'referral.read-notes',
] as const satisfies readonly Action[];
const HIDDEN = [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404] as const;
const ONLY_AUDIT = [404, 404, 404, 404, 404, 404, 404, 404, 404, N, 404, 404] as const;

/** What holds in every situation below unless it says otherwise: referrers read their status, others see nothing. */
const EVERY_REFERRAL: Grid = {
  ...everyone(HIDDEN),
  referrer: [S, 403, 403, 403, 403, 403, 403, S, 403, 403, 403, 403],
  'referrer system': [S, 403, 403, 403, 403, 403, 403, S, 403, 403, 403, 403],
  'referrer system, read-only': [S, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  national: [F, 403, 403, 403, 403, 403, F, 403, 403, N, F, F],
  auditor: ONLY_AUDIT,
};

/** A referral its office owns, with a hand-off offered: the same for the adult and the children's office. */
const OWN_OFFICE_WITH_OFFER = (coordinator: Caller): Grid => ({
  ...EVERY_REFERRAL,
  //              read ack  note hoff trsf close reop supp cons audit hist notes
  [coordinator]: [F, F, F, F, F, F, F, 403, F, 403, F, F],
  'receiver offered': [H, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
});

const REFERRAL_GRIDS: readonly { situation: string; referral: AccessFacts; grid: Grid }[] = [
  {
    situation: 'an adult referral in syd:adult, owned by the syd adult office, with one live hand-off',
    referral: ADULT_SYD,
    grid: OWN_OFFICE_WITH_OFFER('regional syd'),
  },
  {
    situation: 'an adult referral in syd:adult whose hand-off was accepted, so the receiver owns it',
    referral: ACCEPTED_SYD,
    grid: {
      ...EVERY_REFERRAL,
      'regional syd': [F, F, 403, 403, 403, 403, F, 403, 403, 403, F, F],
      // The accepting organisation owns the case: it keeps notes, hands on and closes; transfer stays with coordinators.
      'receiver accepted': [H, 403, H, H, 403, H, 403, 403, H, 403, 403, H],
    },
  },
  {
    situation: 'a child referral in syd:child, owned by the syd children office, offered to social services',
    referral: CHILD_SYD,
    grid: OWN_OFFICE_WITH_OFFER('child syd'),
  },
  {
    situation: 'a referral with no known region in national:triage, owned by the national office',
    referral: TRIAGE,
    grid: {
      ...EVERY_REFERRAL,
      national: [F, F, F, F, F, F, F, 403, F, N, F, F],
    },
  },
  {
    situation: 'a referral transferred from vast to syd:adult while the vast office still owns it',
    referral: TRANSFERRED_TO_SYD,
    grid: {
      ...EVERY_REFERRAL,
      'regional syd': [F, F, 403, 403, 403, 403, F, 403, 403, 403, F, F],
    },
  },
];

const HANDOFF_COLUMNS = [
  'handoff.accept',
  'handoff.decline',
  'handoff.revoke',
] as const satisfies readonly Action[];
const NO_HANDOFF = [404, 404, 404] as const;

// The declined, revoked and expired hand-offs on ADULT_SYD share one grid: none gives its recipient access.
const DEAD_HANDOFF_ON_ADULT_SYD: Grid = {
  ...everyone(NO_HANDOFF),
  'regional syd': [403, 403, F],
  national: [403, 403, 403],
};

/** A hand-off its office offered: the office revokes it, the recipient answers it. */
const OFFERED_BY_OFFICE = (coordinator: Caller): Grid => ({
  //                      accept decline revoke
  ...everyone(NO_HANDOFF),
  [coordinator]: [403, 403, F],
  national: [403, 403, 403],
  'receiver offered': [H, H, 403],
});

const HANDOFF_GRIDS: readonly {
  situation: string;
  referral: AccessFacts;
  handoffId: string;
  grid: Grid;
}[] = [
  {
    situation: 'an offered hand-off on an adult referral owned by the syd adult office',
    referral: ADULT_SYD,
    handoffId: 'h-offered',
    grid: OFFERED_BY_OFFICE('regional syd'),
  },
  {
    situation: 'a declined hand-off',
    referral: ADULT_SYD,
    handoffId: 'h-declined',
    grid: DEAD_HANDOFF_ON_ADULT_SYD,
  },
  {
    situation: 'a revoked hand-off',
    referral: ADULT_SYD,
    handoffId: 'h-revoked',
    grid: DEAD_HANDOFF_ON_ADULT_SYD,
  },
  {
    situation: 'an expired hand-off',
    referral: ADULT_SYD,
    handoffId: 'h-expired',
    grid: DEAD_HANDOFF_ON_ADULT_SYD,
  },
  {
    situation: 'an accepted hand-off: the receiver now owns the referral, the coordinators no longer do',
    referral: ACCEPTED_SYD,
    handoffId: 'h-accepted',
    grid: {
      ...everyone(NO_HANDOFF),
      'regional syd': [403, 403, 403],
      national: [403, 403, 403],
      'receiver accepted': [H, H, H],
    },
  },
  {
    situation: 'an offered hand-off on a child referral owned by the syd children office',
    referral: CHILD_SYD,
    handoffId: 'h-child',
    grid: OFFERED_BY_OFFICE('child syd'),
  },
  {
    situation: 'a hand-off id that is not on the referral',
    referral: ADULT_SYD,
    handoffId: 'h-elsewhere',
    grid: {
      ...everyone(NO_HANDOFF),
    },
  },
];

// Queues are not secret, so a queue the caller may not list is 403, never 404.
const QUEUE_COLUMNS: readonly QueueId[] = [
  'syd:adult',
  'syd:child',
  'vast:adult',
  'vast:child',
  'national:triage',
];
const NO_QUEUE = [403, 403, 403, 403, 403] as const;
const QUEUE_GRID: Grid = {
  //                    syd:adult syd:child vast:adult vast:child triage
  ...everyone(NO_QUEUE),
  'regional syd': [F, 403, 403, 403, 403],
  'regional vast': [403, 403, F, 403, 403],
  'child syd': [403, F, 403, 403, 403],
  'child vast': [403, 403, 403, F, 403],
  national: [F, F, F, F, F],
};

const UNTARGETED_COLUMNS = [
  'referral.create',
  'handoff.list-own',
  'stats.read',
  'audit.read',
  'referral.list-own',
  'webhook.manage',
  'feed.read',
] as const satisfies readonly Action[];
// Coordinators register referrals themselves (the support phone, outreach: issue 17) and see them in full.
// They list what they registered as any referrer does.
const COORDINATOR = [F, 403, 403, 403, S, N, N] as const;
const RECEIVER = [403, H, 403, 403, 403, N, N] as const;
const UNTARGETED_GRID: Grid = {
  //                          create list-own stats audit own-referrals webhooks feed
  ...everyone(RECEIVER),
  referrer: [S, 403, 403, 403, S, N, N],
  // An agency system manages its organisation's webhooks only with the webhooks scope; it reads the feed without.
  'referrer system': [S, 403, 403, 403, S, 403, N],
  // Reading its own referrals' status needs no write scope.
  'referrer system, read-only': [403, 403, 403, 403, S, 403, N],
  'other referrer': [S, 403, 403, 403, S, N, N],
  'regional syd': COORDINATOR,
  'regional vast': COORDINATOR,
  'child syd': COORDINATOR,
  'child vast': COORDINATOR,
  national: [F, 403, N, N, S, N, N],
  // The auditor's office is told nothing: it has no part in any referral.
  auditor: [403, 403, 403, N, 403, 403, 403],
};

// The case file (domain.md §9): reading it, correcting it, opening a case for an anonymous notification, and
// recording that the person withdrew a consent.
const CASE_COLUMNS = [
  'referral.read-case',
  'referral.correct',
  'referral.open-case',
  'consent.withdraw',
] as const satisfies readonly Action[];
const NO_CASE = [404, 404, 404, 404] as const;
const REFERRERS = {
  referrer: [S, 403, S, 403],
  'referrer system': [S, 403, S, 403],
  'referrer system, read-only': [S, 403, 403, 403],
  'other referrer': NO_CASE,
} as const;
const UNRELATED = {
  'receiver declined': NO_CASE,
  'receiver revoked': NO_CASE,
  'receiver expired': NO_CASE,
  'receiver unrelated': NO_CASE,
  auditor: NO_CASE,
} as const;
// The accepted hand-off's consent was withdrawn: the owner keeps the case, but its disclosure no longer rests on
// anything, so the case file is not found for it.
const ACCEPTED_BASIS_WITHDRAWN = referral({
  ...ACCEPTED_SYD,
  handoffs: ACCEPTED_SYD.handoffs.map((h) => (h.id === 'h-accepted' ? { ...h, basisHolds: false } : h)),
});
const ACCEPTED_CLOSED = referral({ ...ACCEPTED_SYD, status: 'closed' });
const withoutAccess = (grid: Grid, change: Partial<Grid>): Grid => ({ ...grid, ...change });
const ACCEPTED_CASE_GRID: Grid = {
  ...everyone(NO_CASE),
  ...REFERRERS,
  // The coordinators of its queue record a withdrawn consent even when an organisation owns the case.
  'regional syd': [F, F, F, F],
  // National sees the referral but reads the case only while it triages.
  national: [403, 403, 403, 403],
  // The owning organisation reads what its hand-off's purpose discloses, corrects facts, records a withdrawal.
  'receiver accepted': [H, H, 403, H],
  ...UNRELATED,
};

/** The case file of a referral its office owns, with a hand-off offered: the same for either office. */
const OWN_OFFICE_CASE = (coordinator: Caller): Grid => ({
  //                        read-case correct open-case withdraw
  ...everyone(NO_CASE),
  ...REFERRERS,
  [coordinator]: [F, F, F, F],
  national: [403, 403, 403, 403],
  'receiver offered': [H, 403, 403, 403],
  ...UNRELATED,
});

const CASE_GRIDS: readonly { situation: string; referral: AccessFacts; grid: Grid }[] = [
  {
    situation: 'an adult referral in syd:adult with an offered hand-off',
    referral: ADULT_SYD,
    grid: OWN_OFFICE_CASE('regional syd'),
  },
  { situation: 'an adult referral accepted by a receiver', referral: ACCEPTED_SYD, grid: ACCEPTED_CASE_GRID },
  {
    situation: "an accepted referral whose hand-off's consent was withdrawn",
    referral: ACCEPTED_BASIS_WITHDRAWN,
    grid: withoutAccess(ACCEPTED_CASE_GRID, { 'receiver accepted': [404, H, 403, H] }),
  },
  {
    situation: 'a closed referral an organisation had accepted',
    referral: ACCEPTED_CLOSED,
    grid: withoutAccess(ACCEPTED_CASE_GRID, { 'receiver accepted': [404, H, 403, H] }),
  },
  {
    situation: 'a child referral in syd:child offered to social services',
    referral: CHILD_SYD,
    grid: OWN_OFFICE_CASE('child syd'),
  },
  {
    situation: 'a referral in national triage',
    referral: TRIAGE,
    grid: {
      ...everyone(NO_CASE),
      ...REFERRERS,
      national: [F, F, F, F],
      ...UNRELATED,
    },
  },
];

// Services running in parallel under one owner (domain.md §2): pausing clocks, the permit ledger and a service's own
// start and end. The callers are those these actions concern: the services' recipients and a responsible owner.
const SERVICE_CALLERS = {
  referrer: CALLERS.referrer,
  'regional syd': CALLERS['regional syd'],
  'regional vast': CALLERS['regional vast'],
  national: CALLERS.national,
  'police investigating': person('receiver', 'org:police-syd-inv', 'police'),
  'migrationsverket deciding': person('receiver', 'org:migrationsverket-unit', 'migrationsverket'),
  'shelter whose stay ended': person('receiver', 'org:shelter', 'nsp'),
  'social services owning': person('receiver', 'org:ss-malmo', 'social-services'),
  auditor: CALLERS.auditor,
} satisfies Record<string, Principal>;
type ServiceCaller = keyof typeof SERVICE_CALLERS;

const SERVICES = [
  {
    id: 'h-police',
    recipientOrganisationId: 'org:police-syd-inv',
    status: 'active',
    purpose: 'criminal-investigation',
  },
  {
    id: 'h-permit',
    recipientOrganisationId: 'org:migrationsverket-unit',
    status: 'accepted',
    purpose: 'reflection-period-permit',
  },
  { id: 'h-shelter', recipientOrganisationId: 'org:shelter', status: 'ended', purpose: 'nsp-shelter' },
] as const;
const SERVICES_UNDER_OFFICE = referral({ handoffs: [...SERVICES] });
const SERVICES_UNDER_SOCIAL_SERVICES = referral({
  status: 'handed-off',
  owner: { type: 'organisation', id: 'org:ss-malmo' },
  handoffs: [
    ...SERVICES,
    {
      id: 'h-responsibility',
      recipientOrganisationId: 'org:ss-malmo',
      status: 'accepted',
      purpose: 'social-services-investigation',
    },
  ],
});

//                              pause apply decide service.update(h-police)
const SERVICE_COLUMNS = ['clock.pause', 'permit.apply', 'permit.decide'] as const satisfies readonly Action[];
const SERVICES_UNDER_OFFICE_GRID: Record<ServiceCaller, readonly Expected[]> = {
  referrer: [403, 403, 403, 404],
  // The coordinators of the queue work the case whoever owns it.
  'regional syd': [F, F, F, F],
  'regional vast': [404, 404, 404, 404],
  national: [403, 403, 403, 403],
  // The preliminary-investigation leader applies for permits and runs its own service; Migrationsverket decides.
  'police investigating': [403, H, 403, H],
  'migrationsverket deciding': [403, 403, H, 404],
  'shelter whose stay ended': [404, 404, 404, 404],
  'social services owning': [404, 404, 404, 404],
  auditor: [404, 404, 404, 404],
};
const SERVICE_GRIDS: readonly {
  situation: string;
  referral: AccessFacts;
  grid: Record<ServiceCaller, readonly Expected[]>;
}[] = [
  {
    situation:
      'an adult case owned by the syd office with an investigation, a permit application and an ended stay',
    referral: SERVICES_UNDER_OFFICE,
    grid: SERVICES_UNDER_OFFICE_GRID,
  },
  {
    situation: 'the same services once social services took responsibility for the case',
    referral: SERVICES_UNDER_SOCIAL_SERVICES,
    // Nothing changes but for the owner: it pauses its clocks and records permits; another service's own record is
    // not its to keep.
    grid: { ...SERVICES_UNDER_OFFICE_GRID, 'social services owning': [H, H, H, 404] },
  },
];

// Working as a team: the regional lead of a region and track (their organisation is that office) beside the
// coordinators, over the reads and actions that concern who works a referral.
const TEAM_CALLERS = {
  referrer: CALLERS.referrer,
  'regional syd': CALLERS['regional syd'],
  'regional vast': CALLERS['regional vast'],
  'child syd': CALLERS['child syd'],
  national: CALLERS.national,
  'receiver offered': CALLERS['receiver offered'],
  auditor: CALLERS.auditor,
  'lead syd adult': person('regional-lead', 'coordinator-office:syd:adult', 'coordinator-office', 'syd'),
  'lead syd child': person('regional-lead', 'coordinator-office:syd:child', 'coordinator-office', 'syd'),
  'lead vast adult': person('regional-lead', 'coordinator-office:vast:adult', 'coordinator-office', 'vast'),
  // A lead's token must name the office they lead; one that names none leads nothing.
  'lead of no office': person('regional-lead', 'org:coordinators-syd', 'coordinator-office', 'syd'),
} satisfies Record<string, Principal>;
type TeamCaller = keyof typeof TEAM_CALLERS;

const TEAM_COLUMNS = [
  'referral.read',
  'referral.history',
  'referral.read-case',
  'referral.read-notes',
  'referral.acknowledge',
  'referral.assign',
  'referral.transfer',
  'referral.close',
] as const satisfies readonly Action[];
const TEAM_HIDDEN = [404, 404, 404, 404, 404, 404, 404, 404] as const;
const REFERRER_VIEW = [S, 403, S, 403, 403, 403, 403, 403] as const;
const LEAD_VIEW = [F, F, 403, 403, 403, F, 403, 403] as const;
const NATIONAL_OUTSIDE_TRIAGE = [F, F, 403, F, 403, 403, 403, 403] as const;

/** A referral its office owns, seen by the team around it: the same for the adult and the children's office. */
const OWN_OFFICE_TEAM = (
  coordinator: TeamCaller,
  lead: TeamCaller,
): Record<TeamCaller, readonly Expected[]> => ({
  //                     read hist case notes ack assign trsf close
  ...everyone(TEAM_HIDDEN, TEAM_CALLERS),
  referrer: REFERRER_VIEW,
  [coordinator]: [F, F, F, F, F, F, F, F],
  national: NATIONAL_OUTSIDE_TRIAGE,
  'receiver offered': [H, 403, H, 403, 403, 403, 403, 403],
  // The lead moves the team's referrals and follows their history; the case file is the coordinators'.
  [lead]: LEAD_VIEW,
});

const TEAM_GRIDS: readonly {
  situation: string;
  referral: AccessFacts;
  grid: Record<TeamCaller, readonly Expected[]>;
}[] = [
  {
    situation: 'an adult referral in syd:adult owned by its office',
    referral: ADULT_SYD,
    grid: OWN_OFFICE_TEAM('regional syd', 'lead syd adult'),
  },
  {
    situation: 'a child referral in syd:child owned by its office',
    referral: CHILD_SYD,
    grid: OWN_OFFICE_TEAM('child syd', 'lead syd child'),
  },
  {
    situation: 'a referral in national:triage',
    referral: TRIAGE,
    grid: {
      ...everyone(TEAM_HIDDEN, TEAM_CALLERS),
      referrer: REFERRER_VIEW,
      national: [F, F, F, F, F, F, F, F],
    },
  },
];

// A team's workload (team.read) and its queue (referral.list-queue), for syd:adult, syd:child and national:triage.
const TEAM_QUEUES = ['syd:adult', 'syd:child', 'national:triage'] as const satisfies readonly QueueId[];
const NO_TEAM_QUEUE = [403, 403, 403, 403, 403, 403] as const;
//                                               team.read ×3   list-queue ×3
const TEAM_QUEUE_GRID: Record<TeamCaller, readonly Expected[]> = {
  referrer: NO_TEAM_QUEUE,
  'regional syd': [403, 403, 403, F, 403, 403],
  'regional vast': NO_TEAM_QUEUE,
  'child syd': [403, 403, 403, 403, F, 403],
  national: [N, N, N, F, F, F],
  'receiver offered': NO_TEAM_QUEUE,
  auditor: NO_TEAM_QUEUE,
  'lead syd adult': [N, 403, 403, F, 403, 403],
  'lead syd child': [403, N, 403, 403, F, 403],
  'lead vast adult': NO_TEAM_QUEUE,
  'lead of no office': NO_TEAM_QUEUE,
};

// "My cases" and searching by name and date of birth, which carry no target: the scope is applied by the endpoint.
const TEAM_UNTARGETED = ['referral.list-assigned', 'referral.search'] as const satisfies readonly Action[];
const TEAM_UNTARGETED_GRID: Record<TeamCaller, readonly Expected[]> = {
  referrer: [403, 403],
  'regional syd': [F, F],
  'regional vast': [F, F],
  'child syd': [F, F],
  national: [F, F],
  'receiver offered': [403, 403],
  auditor: [403, 403],
  'lead syd adult': [403, 403],
  'lead syd child': [403, 403],
  'lead vast adult': [403, 403],
  'lead of no office': [403, 403],
};

describe('authorize, working as a team', () => {
  describe.each(TEAM_GRIDS)('on $situation', ({ referral, grid }) => {
    it.each(cases(TEAM_COLUMNS, grid))('$caller → $action → $expected', ({ caller, action, expected }) => {
      expect(outcome(authorize(TEAM_CALLERS[caller], action, { referral }))).toBe(expected);
    });
  });

  it.each(
    (Object.entries(TEAM_QUEUE_GRID) as [TeamCaller, readonly Expected[]][]).flatMap(([caller, row]) => {
      expect(row).toHaveLength(TEAM_QUEUES.length * 2);
      return TEAM_QUEUES.flatMap((queue, i) => [
        { caller, action: 'team.read' as const, queue, expected: row[i]! },
        { caller, action: 'referral.list-queue' as const, queue, expected: row[i + TEAM_QUEUES.length]! },
      ]);
    }),
  )('$caller → $action $queue → $expected', ({ caller, action, queue, expected }) => {
    expect(outcome(authorize(TEAM_CALLERS[caller], action, { queue }))).toBe(expected);
  });

  it.each(cases(TEAM_UNTARGETED, TEAM_UNTARGETED_GRID))(
    '$caller → $action → $expected',
    ({ caller, action, expected }) => {
      expect(outcome(authorize(TEAM_CALLERS[caller], action))).toBe(expected);
    },
  );

  it('a team.read refusal says nothing of which office exists', () => {
    const decision = authorize(TEAM_CALLERS['lead vast adult'], 'team.read', { queue: 'syd:adult' });
    expect(decision).toMatchObject({ allow: false, status: 403 });
    if (!decision.allow) expect(decision.reason).not.toContain('coordinator-office:');
  });
});

describe('authorize', () => {
  describe.each(CASE_GRIDS)('the case file, on $situation', ({ referral, grid }) => {
    it.each(cases(CASE_COLUMNS, grid))('$caller → $action → $expected', ({ caller, action, expected }) => {
      check(caller, action, { referral }, expected);
    });
  });

  describe.each(SERVICE_GRIDS)('services in parallel, on $situation', ({ referral, grid }) => {
    const rows = Object.entries(grid) as [ServiceCaller, readonly Expected[]][];
    it.each(
      rows.flatMap(([caller, row]) => [
        ...SERVICE_COLUMNS.map((action, i) => ({ caller, action, expected: row[i]! })),
        { caller, action: 'service.update' as const, expected: row[3]! },
      ]),
    )('$caller → $action → $expected', ({ caller, action, expected }) => {
      const target = { referral, ...(action === 'service.update' ? { handoffId: 'h-police' } : {}) };
      expect(outcome(authorize(SERVICE_CALLERS[caller], action, target))).toBe(expected);
    });
  });

  describe.each(REFERRAL_GRIDS)('on $situation', ({ referral, grid }) => {
    it.each(cases(REFERRAL_COLUMNS, grid))(
      '$caller → $action → $expected',
      ({ caller, action, expected }) => {
        check(caller, action, { referral }, expected);
      },
    );
  });

  describe.each(HANDOFF_GRIDS)('on $situation', ({ referral, handoffId, grid }) => {
    it.each(cases(HANDOFF_COLUMNS, grid))('$caller → $action → $expected', ({ caller, action, expected }) => {
      check(caller, action, { referral, handoffId }, expected);
    });
  });

  describe.each(QUEUE_COLUMNS)('listing %s', (queue) => {
    it.each(
      (Object.entries(QUEUE_GRID) as [Caller, readonly Expected[]][]).map(([caller, row]) => ({
        caller,
        expected: row[QUEUE_COLUMNS.indexOf(queue)] as Expected,
      })),
    )('$caller → $expected', ({ caller, expected }) => {
      check(caller, 'referral.list-queue', { queue }, expected);
    });
  });

  describe('without a referral or queue', () => {
    it.each(cases(UNTARGETED_COLUMNS, UNTARGETED_GRID))(
      '$caller → $action → $expected',
      ({ caller, action, expected }) => {
        check(caller, action, undefined, expected);
      },
    );
  });

  it('covers every action and every role in the grids above', () => {
    const covered = new Set<Action>([
      ...REFERRAL_COLUMNS,
      ...HANDOFF_COLUMNS,
      ...CASE_COLUMNS,
      ...SERVICE_COLUMNS,
      'service.update',
      'referral.list-queue',
      ...UNTARGETED_COLUMNS,
      ...TEAM_COLUMNS,
      'team.read',
      ...TEAM_UNTARGETED,
    ]);
    expect([...covered].sort()).toEqual([...ACTIONS].sort());
    const roles = [...Object.values(CALLERS), ...Object.values(TEAM_CALLERS)].map((c) => c.role);
    expect(new Set(roles)).toEqual(new Set(ROLES));
  });

  it('answers 404 when the endpoint has no referral, hand-off or queue to ask about', () => {
    const national = CALLERS.national;
    expect(authorize(national, 'referral.read')).toMatchObject({ allow: false, status: 404 });
    expect(authorize(national, 'referral.close', {})).toMatchObject({ allow: false, status: 404 });
    expect(authorize(national, 'handoff.accept', { handoffId: 'h-offered' })).toMatchObject({ status: 404 });
    expect(authorize(national, 'handoff.revoke', { referral: TRIAGE })).toMatchObject({ status: 404 });
    expect(authorize(national, 'referral.list-queue')).toMatchObject({ allow: false, status: 404 });
  });

  it('lets an agency system manage its webhooks only with the webhooks:manage scope', () => {
    const system = client('org:police-syd', 'police', ['referrals:write', 'webhooks:manage']);
    expect(outcome(authorize(system, 'webhook.manage'))).toBe(N);
    expect(outcome(authorize(CALLERS['referrer system'], 'webhook.manage'))).toBe(403);
  });

  it('lets a coordinator whose token carries no region see no queue at all', () => {
    const { region: _, ...withoutRegion } = CALLERS['regional syd'];
    expect(outcome(authorize(withoutRegion, 'referral.read', { referral: ADULT_SYD }))).toBe(404);
    expect(outcome(authorize(withoutRegion, 'referral.list-queue', { queue: 'syd:adult' }))).toBe(403);
  });

  it('lets the submitting organisation read its referral whoever there submitted it', () => {
    const colleague = { ...CALLERS.referrer, sub: 'org:police-syd/another-user' };
    expect(outcome(authorize(colleague, 'referral.read', { referral: ADULT_SYD }))).toBe(S);
  });
});

describe('coordinatorOfficeId', () => {
  it('names one office per queue', () => {
    expect(coordinatorOfficeId('syd:child')).toBe('coordinator-office:syd:child');
    expect(coordinatorOfficeId('stockholm:adult')).toBe('coordinator-office:stockholm:adult');
    expect(coordinatorOfficeId('national:triage')).toBe('coordinator-office:national:triage');
  });
});

describe('describePolicy', () => {
  it('states in words who may do what, for the README', () => {
    const lines = describePolicy();
    expect(new Set(lines.map((l) => l.action))).toEqual(new Set(ACTIONS));
    expect(lines.filter((l) => l.action === 'stats.read')).toEqual([
      { action: 'stats.read', role: 'national-coordinator', when: 'always', view: 'none' },
    ]);
    expect(
      lines.find((l) => l.action === 'referral.close' && l.role === 'child-coordinator')?.when,
    ).toContain("the caller's coordinator office owns the referral");
  });
});
