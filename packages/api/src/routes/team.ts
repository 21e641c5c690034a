// Working as a team: take or assign a referral, give it back, "my cases", the regional lead's team workload, and
// finding a case by its number or by name and date of birth. The office stays the referral's owner throughout; the
// name and date of a search travel in the body and reach the audit trail only as a keyed hash.

import {
  ALL_QUEUES,
  authorize,
  BadRequest,
  coordinatorOfficeId,
  Forbidden,
  InvalidField,
  isQueueId,
  NotFound,
  nameKey,
  type Principal,
  present,
  queuesWorkedBy,
  type ReferralState,
  teamWorkload,
} from '@nrm/domain';
import { config, now } from '@nrm/runtime';
import {
  AssignedListing,
  AssignRequest,
  SearchRequest,
  SearchResult,
  TeamWorkloadView,
  UnassignRequest,
} from '@nrm/schemas';
import * as z from '@nrm/schemas/zod';
import {
  findByNameKey,
  findByReference,
  getReferralState,
  getReferralStates,
  joinRoster,
  listAssigned,
  listQueue,
  listRoster,
  onRoster,
} from '@nrm/store';
import { actOnReferral } from '@nrm/usecases';
import { rateLimiter } from 'hono-rate-limiter';
import { accessFacts, allow, allowOnReferral, audit } from '../access';
import type { AppEnv } from '../context';
import { problem } from '../problem';
import { fullView, queueItemView } from '../views';
import { action, answers, get, Operations, post } from './declare';
import {
  acting,
  commanded,
  json,
  PageQuery,
  pageArgs,
  problems,
  QueueParams,
  Ulid,
  updated,
} from './outcomes';

/** The most open referrals of one queue a workload counts; a queue that holds more says so (`truncated`). */
const MAX_TEAM_REFERRALS = 1000;
/** The most coordinators of one office a workload lists. */
const MAX_ROSTER = 200;
/** The most referrals a name search answers with (per key index, before the scope is applied). */
const MAX_SEARCH_HITS = 50;

const params = z.object({ id: Ulid('referral') });

/** The office a coordinator works, if exactly one (national: its triage office). */
function officeOf(principal: Principal): string | undefined {
  const queues = queuesWorkedBy(principal);
  return queues.length === 1 ? coordinatorOfficeId(queues[0]!) : undefined;
}

const COORDINATOR_ROLES: readonly string[] = [
  'regional-coordinator',
  'child-coordinator',
  'national-coordinator',
];

/** Puts a coordinator on the roster of the office they work, so colleagues and the lead can find them. */
async function rosterSelf(principal: Principal, at: string): Promise<void> {
  const office = officeOf(principal);
  if (!office || !COORDINATOR_ROLES.includes(principal.role) || principal.kind !== 'person') return;
  await joinRoster(office, { sub: principal.sub, role: principal.role, since: at });
}

const searchLimit = rateLimiter<AppEnv>({
  windowMs: 60_000,
  limit: () => config().searchRateLimitPerMinute,
  keyGenerator: (c) => `search:${c.get('principal').sub}`,
  standardHeaders: 'draft-7',
  handler: (c) =>
    problem(c, 429, 'Too many searches; find the case by its number, or wait a minute.', {
      headers: { 'Retry-After': '60' },
    }),
});

const app = new Operations<AppEnv>();
app.use('/search/referrals', searchLimit);

export const teamwork = app
  .openapi(
    action('/referrals/{id}/assign', params, AssignRequest, {
      operationId: 'assignReferral',
      summary: 'Take a referral, or give it to a colleague',
      description:
        "A coordinator of the referral's queue takes it (no `assignee`) or gives it to a coordinator of the same office; the queue's regional lead moves it between coordinators. Moving it from one coordinator to another needs a `reason`. The office stays the accountable owner: the assignment says who works it, and whom its clocks warn.",
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { principal, state } = await allowOnReferral(c, id, 'referral.assign');
      const body = c.req.valid('json');
      const queue = state.route?.queue;
      const office = queue ? coordinatorOfficeId(queue) : undefined;
      const assignee = body.assignee ?? principal.sub;
      if (office && assignee === principal.sub) {
        // Taking it: the caller must be a coordinator of the office (a lead assigns, and does not work cases).
        if (!COORDINATOR_ROLES.includes(principal.role) || officeOf(principal) !== office) {
          throw new InvalidField('assignee', 'Name the coordinator of the office who is to work it.');
        }
        await rosterSelf(principal, now().toISOString());
      } else if (office && !(await onRoster(office, assignee))) {
        throw new InvalidField(
          'assignee',
          "Not a coordinator known to work this referral's office; they become known when they first open their cases or take a referral.",
        );
      }
      const result = await actOnReferral(
        id,
        () => ({
          type: 'assign',
          assignee,
          office: office ?? coordinatorOfficeId('national:triage'),
          ...(body.reason ? { reason: body.reason } : {}),
        }),
        acting(principal, 'referral.assign'),
      );
      return c.json(fullView(result.state), 200);
    },
  )
  .openapi(
    action('/referrals/{id}/unassign', params, UnassignRequest, {
      operationId: 'unassignReferral',
      summary: "Give a referral back to the office's queue",
      description: 'Nobody works it any more; its clocks warn the office again.',
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const { state } = await commanded(c, id, 'referral.assign', { type: 'unassign', reason });
      return c.json(fullView(state), 200);
    },
  )
  .openapi(
    get('/my/cases', { query: PageQuery }, answers('Your cases', AssignedListing, 400, 401, 403), {
      operationId: 'listMyCases',
      summary: 'My cases',
      description:
        'The open referrals assigned to the caller across the queues they work, the one whose clock runs out first at the top.',
    }),
    async (c) => {
      const { principal } = await allow(c, 'referral.list-assigned');
      await rosterSelf(principal, now().toISOString());
      const page = await listAssigned(principal.sub, pageArgs(c.req.valid('query')));
      // An assignment outlives a move to another office only until the move is recorded; show only what may be read.
      const items = page.items.filter(
        (state) => authorize(principal, 'referral.read', { referral: accessFacts(state) }).allow,
      );
      await audit(c, {
        subject: `assigned:${principal.sub}`,
        action: 'referral.list-assigned',
        outcome: 'allowed',
        referralIds: items.map((i) => i.id),
      });
      return c.json(
        { assignee: principal.sub, items: items.map(queueItemView), nextCursor: page.nextCursor },
        200,
      );
    },
  )
  .openapi(
    get(
      '/queues/{queue}/team',
      { params: QueueParams },
      answers('The workload', TeamWorkloadView, 400, 401, 403),
      {
        operationId: 'getTeamWorkload',
        summary: "A team's workload",
        description: `For the queue's regional lead (and the national coordinator): open referrals per coordinator, how many have a clock that warned or is past due, and the referrals nobody works with since when they have waited. Counts at most ${MAX_TEAM_REFERRALS} open referrals. Queues: ${ALL_QUEUES.join(', ')}.`,
      },
    ),
    async (c) => {
      const { queue } = c.req.valid('param');
      if (!isQueueId(queue)) throw new BadRequest('Unknown queue.');
      const decision = authorize(c.get('principal'), 'team.read', { queue });
      if (!decision.allow) {
        await audit(c, { subject: `queue:${queue}`, action: 'team.read', outcome: 'denied' });
        throw new Forbidden('Your role may not do this.');
      }
      const states: ReferralState[] = [];
      let cursor: string | undefined;
      do {
        const page = await listQueue(queue, {
          limit: Math.min(100, MAX_TEAM_REFERRALS - states.length),
          ...present({ cursor }),
        });
        states.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && states.length < MAX_TEAM_REFERRALS);
      const roster = await listRoster(coordinatorOfficeId(queue), MAX_ROSTER);
      const workload = teamWorkload(
        states,
        roster.map((m) => m.sub),
      );
      await audit(c, {
        subject: `queue:${queue}`,
        action: 'team.read',
        outcome: 'allowed',
        referralIds: workload.unassigned.map((u) => u.id),
      });
      return c.json(
        {
          queue,
          coordinators: [...workload.coordinators],
          unassigned: [...workload.unassigned],
          truncated: !!cursor,
        },
        200,
      );
    },
  )
  .openapi(
    get(
      '/references/{reference}',
      {
        params: z.object({
          reference: z.string().regex(/^NRM-\d{4}-\d{6}$/, { error: 'not a case number (NRM-YYYY-NNNNNN)' }),
        }),
      },
      { ...updated, ...problems(400, 401, 404) },
      {
        operationId: 'findReferralByReference',
        summary: 'Find a referral by its case number',
        description:
          'The referral with this case number (NRM-YYYY-NNNNNN), in the view the caller may see; 404 when there is none or the caller may not read it. Audited either way.',
      },
    ),
    async (c) => {
      const { reference } = c.req.valid('param');
      const id = await findByReference(reference);
      const state = id ? await getReferralState(id) : undefined;
      if (!state) {
        // Nothing to read, but the attempt is on record: a case number is not personal data.
        await audit(c, { subject: `reference:${reference}`, action: 'referral.read', outcome: 'denied' });
        throw new NotFound('No such referral.');
      }
      // Only those who see the whole referral find it by number; others (a referrer, a receiver) know it by its id.
      const decision = authorize(c.get('principal'), 'referral.read', { referral: accessFacts(state) });
      const found = decision.allow && decision.view === 'full';
      await audit(c, {
        subject: `referral:${state.id}`,
        action: 'referral.read',
        outcome: found ? 'allowed' : 'denied',
      });
      if (!found) throw new NotFound('No such referral.');
      return c.json(fullView(state), 200);
    },
  )
  .openapi(
    post(
      '/search/referrals',
      { body: json(SearchRequest) },
      answers('The matches in your scope', SearchResult, 400, 401, 403, 415, 429, 503),
      {
        operationId: 'searchReferrals',
        summary: 'Find a case by name and date of birth',
        description:
          'Coordinators, within the queues they work (the national coordinator: every queue). The name (or alias) and date of birth are sent in the body and matched exactly after normalisation (case, accents, punctuation and name order do not matter) against a keyed index; the audit trail records a keyed hash of them, never the name. Limited per person per minute (429 beyond).',
      },
    ),
    async (c) => {
      const { principal } = await allow(c, 'referral.search');
      const secret = config().personKeySecret;
      if (!secret) {
        return problem(
          c,
          503,
          'Finding a case by name is not configured here; find it by its number.',
        ) as never;
      }
      const { name, dateOfBirth } = c.req.valid('json');
      const key = nameKey(secret, name, dateOfBirth);
      if (!key) throw new InvalidField('name', 'Give a name with letters in it.');
      const ids = await findByNameKey(key, MAX_SEARCH_HITS);
      const states = await getReferralStates(ids.slice(0, 100));
      const found = states.filter((state) => {
        const decision = authorize(principal, 'referral.read', { referral: accessFacts(state) });
        return decision.allow && decision.view === 'full';
      });
      // The trail of a search is kept under its keyed hash: who searched for the same person can be told, by no one
      // without the key what the name was.
      await audit(c, {
        subject: `search:${key}`,
        action: 'referral.search',
        outcome: 'allowed',
        referralIds: found.map((s) => s.id),
      });
      return c.json(
        {
          items: found.map((s) => ({
            id: s.id,
            reference: s.reference,
            status: s.status,
            queue: s.route?.queue ?? null,
            assigned: !!s.assignee,
          })),
        },
        200,
      );
    },
  );
