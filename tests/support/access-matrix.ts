// The expected access matrix (issue 4): every role × every referral endpoint × situation → the answer. Written
// from the rules of domain.md §8 and api.md, not from the policy's code; the integration suite checks the running
// API against it and `pnpm gen` renders it into the README.

export const ENDPOINTS = [
  'read',
  'queue',
  'acknowledge',
  'note',
  'consent',
  'handoff',
  'transfer',
  'close',
  'reopen',
  'supplement',
  'accept',
  'decline',
  'audit',
  'events',
  'notes',
  'case',
  'correct',
  'pause',
  'permit',
  'start',
  'assign',
  'team',
  'lookup',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export const ENDPOINT_LABELS: Record<Endpoint, string> = {
  read: 'GET /v1/referrals/{id}',
  queue: 'GET /v1/queues/{queue}/referrals',
  acknowledge: 'POST …/acknowledge',
  note: 'POST …/notes',
  consent: 'POST …/consents',
  handoff: 'POST …/handoffs',
  transfer: 'POST …/transfer',
  close: 'POST …/close',
  reopen: 'POST …/reopen',
  supplement: 'POST …/supplements',
  accept: 'POST /v1/handoffs/{id}/accept',
  decline: 'POST /v1/handoffs/{id}/decline',
  audit: 'GET /v1/referrals/{id}/audit',
  events: 'GET …/events',
  notes: 'GET …/notes',
  case: 'GET …/case',
  correct: 'POST …/corrections',
  pause: 'POST …/clocks/{clock}/pause',
  permit: 'POST …/permits',
  start: 'POST /v1/handoffs/{id}/start',
  assign: 'POST …/assign (to a colleague)',
  team: 'GET /v1/queues/{queue}/team',
  lookup: 'GET /v1/references/{ref}',
};

/**
 * 'ok' is the action's success (2xx); the numbers are the refusals: 403 and 404 by the policy, 409 by the referral's
 * state for everyone the policy lets through (a child's hand-offs rest on a legal basis, not on recorded consent).
 */
export type Expected = 'ok' | 403 | 404 | 409;

export const SITUATIONS = ['adult referral in syd', 'child referral in syd'] as const;
export type Situation = (typeof SITUATIONS)[number];

/** The roles, each as its relation to the referral (submitted by police; in syd; hand-off offered to the recipient). */
export const ROLES = [
  'referrer, own referral',
  "referrer, someone else's",
  'regional coordinator, own region',
  'regional coordinator, other region',
  "children's coordinator, own region",
  "children's coordinator, other region",
  'national coordinator',
  'receiver, hand-off recipient',
  'receiver, not the recipient',
  'auditor',
  'regional lead, own region and track',
  'regional lead, other region',
] as const;
export type MatrixRole = (typeof ROLES)[number];

type Row = readonly Expected[];

/**
 * A row as the README shows it: one cell per endpoint in ENDPOINTS order, `ok` for allowed or the status refused with.
 */
function row(cells: string): Row {
  const parsed = cells
    .trim()
    .split(/\s+/)
    .map((cell) => (cell === 'ok' ? 'ok' : Number(cell)));
  const bad = parsed.filter((cell) => cell !== 'ok' && cell !== 403 && cell !== 404 && cell !== 409);
  if (parsed.length !== ENDPOINTS.length || bad.length) throw new Error(`Not a row of the matrix: ${cells}`);
  return parsed as Row;
}
// pause, permit: the owner and the coordinators of the queue keep working the case whatever services run; start: a
// service's own record, refused by the state while the hand-off is only offered (or is a hand-over of responsibility).
// read queu ack  note cons hoff trsf clos reop supp acc  decl audt evts nots case corr paus perm strt asgn team look
const HIDDEN = row(
  '404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  403  404',
);
const OWNER = row(
  'ok   ok   ok   ok   ok   ok   ok   ok   ok   403  403  403  403  ok   ok   ok   ok   ok   ok   409  ok   403  ok',
);
const CHILD_OWNER = row(
  'ok   ok   ok   ok   409  ok   ok   ok   ok   403  403  403  403  ok   ok   ok   ok   ok   ok   409  ok   403  ok',
);
const REFERRER = row(
  'ok   403  403  403  403  403  403  403  403  ok   404  404  403  403  403  ok   403  403  403  404  403  403  404',
);
// National monitors: it reads the case file only of referrals it triages itself.
const NATIONAL = row(
  'ok   ok   403  403  403  403  403  403  ok   403  403  403  ok   ok   ok   403  403  403  403  403  403  ok   ok',
);
// An offered recipient reads the offer summary of the case file.
const RECIPIENT = row(
  'ok   403  403  403  403  403  403  403  403  403  ok   ok   403  403  403  ok   403  403  403  409  403  403  404',
);
const AUDITOR = row(
  '404  403  404  404  404  404  404  404  404  404  404  404  ok   404  404  404  404  404  404  404  404  403  404',
);

// assign, team, lookup: the coordinators of the queue give a referral to a colleague and find it by number; the
// regional lead of that region and track moves it between them and sees the team's workload, not the case file.
const LEAD = row(
  'ok   ok   403  403  403  403  403  403  403  403  403  403  403  ok   403  403  403  403  403  403  ok   ok   ok',
);

const ADULT_IN_SYD: Record<MatrixRole, Row> = {
  'referrer, own referral': REFERRER,
  "referrer, someone else's": HIDDEN,
  'regional coordinator, own region': OWNER,
  'regional coordinator, other region': HIDDEN,
  // Children's coordinators work children's cases only.
  "children's coordinator, own region": HIDDEN,
  "children's coordinator, other region": HIDDEN,
  'national coordinator': NATIONAL,
  'receiver, hand-off recipient': RECIPIENT,
  'receiver, not the recipient': HIDDEN,
  auditor: AUDITOR,
  'regional lead, own region and track': LEAD,
  'regional lead, other region': HIDDEN,
};

export const EXPECTED: Record<Situation, Record<MatrixRole, Row>> = {
  'adult referral in syd': ADULT_IN_SYD,
  // A child's referral: the same, but for the coordinators of the region.
  'child referral in syd': {
    ...ADULT_IN_SYD,
    // Children's cases are not visible to the adult coordinators, even of the same region.
    'regional coordinator, own region': HIDDEN,
    "children's coordinator, own region": CHILD_OWNER,
  },
};

export function expected(situation: Situation, role: MatrixRole, endpoint: Endpoint): Expected {
  return EXPECTED[situation][role][ENDPOINTS.indexOf(endpoint)]!;
}

const MARK: Record<string, string> = { ok: '✓', 403: '403', 404: '404', 409: '409' };

/** The matrix as Markdown, one table per situation. */
export function renderMatrix(): string {
  const header = `| role | ${ENDPOINTS.map((e) => ENDPOINT_LABELS[e]).join(' | ')} |`;
  const rule = `|---|${ENDPOINTS.map(() => ':-:').join('|')}|`;
  return SITUATIONS.map((situation) =>
    [
      `**${situation[0]!.toUpperCase()}${situation.slice(1)}** (submitted by police; ✓ = allowed, 403 = refused, 404 = not found: the caller may not know it exists, 409 = allowed but not in this state)`,
      '',
      header,
      rule,
      ...ROLES.map(
        (role) => `| ${role} | ${EXPECTED[situation][role].map((cell) => MARK[String(cell)]).join(' | ')} |`,
      ),
    ].join('\n'),
  ).join('\n\n');
}

export const README_START = '<!-- access-matrix:start -->';
export const README_END = '<!-- access-matrix:end -->';
