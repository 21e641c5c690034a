// The coordinator's, the referrer's and the receiver's actions on a referral, as the API calls them. Free text a
// caller sends (a note, a supplement, a comment with a reason) is stored as a note item the event refers to by id.
import {
  type ChildLegalBasis,
  type ConsentScope,
  consentFor,
  type HandoffPurpose,
  NotFound,
  type Principal,
  type ReferralCommand,
  type ReferralState,
} from '@nrm/domain';
import { getHandoff, getReferralState, type Note, type NoteKind } from '@nrm/store';
import { ulid } from 'ulid';
import { earlierResult, type IdempotentRequest, idempotencyRecord } from './idempotency';
import { actorOf, type CommandArgs, type CommandResult, runCommand } from './referral-commands';

export interface ActionArgs {
  readonly principal: Principal;
  readonly now: Date;
  /** Re-checks the caller's permission on the state each attempt reads; throws Forbidden or NotFound. */
  readonly authorize: (state: ReferralState) => void;
}

function note(kind: NoteKind, text: string, principal: Principal, now: Date): Note {
  return {
    id: ulid(now.getTime()),
    kind,
    text,
    author: { sub: principal.sub, organisationId: principal.organisationId },
    createdAt: now.toISOString(),
  };
}

/** An action's arguments with the request's Idempotency-Key, when it sent one. */
export type KeyedArgs = ActionArgs & { readonly idempotencyKey?: string };

export interface ActionOutcome extends CommandResult {
  readonly noteId?: string;
  /** Set when an earlier request with the same Idempotency-Key did this: what it created (ids, `at`). */
  readonly replayed?: Readonly<Record<string, string>>;
}

/**
 * Runs `command` on the referral. `comment`, when given, is stored as a note and its id handed to `build`, so the
 * event refers to the text without carrying it. With `idempotency`, a retry answers what the first request created:
 * its note id, the `created` ids given, and when.
 */
export async function actOnReferral(
  referralId: string,
  build: (commentId: string | undefined) => CommandArgs['command'],
  args: ActionArgs & {
    readonly comment?: { readonly kind: NoteKind; readonly text: string };
    readonly idempotency?: { readonly request: IdempotentRequest; readonly created?: Record<string, string> };
  },
): Promise<ActionOutcome> {
  const replay = async (): Promise<ActionOutcome | undefined> => {
    if (!args.idempotency) return undefined;
    const earlier = await earlierResult(args.principal, args.idempotency.request, args.now);
    if (!earlier) return undefined;
    const state = await getReferralState(referralId, { consistent: true });
    if (!state) throw new NotFound('No such referral.');
    args.authorize(state);
    return { state, events: [], replayed: earlier };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const comment = args.comment
    ? note(args.comment.kind, args.comment.text, args.principal, args.now)
    : undefined;
  const created = {
    ...(comment ? { noteId: comment.id } : {}),
    ...args.idempotency?.created,
    at: args.now.toISOString(),
  };
  try {
    const result = await runCommand({
      referralId,
      command: build(comment?.id),
      actor: actorOf(args.principal),
      now: args.now,
      authorize: args.authorize,
      ...(comment ? { notes: [comment] } : {}),
      ...(args.idempotency
        ? { idempotency: idempotencyRecord(args.principal, args.idempotency.request, created, args.now) }
        : {}),
    });
    return { ...result, ...(comment ? { noteId: comment.id } : {}) };
  } catch (error) {
    // A concurrent request with the same key won the race: answer with what it created. It shows either as the key
    // taken, or — when this request re-read the state after the other's write — as the state's refusal (the same
    // offer is already waiting), so any refusal is checked against the key first.
    if (args.idempotency) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
}

/** A note of the owning office, or a supplement of the referrer: text kept as a note item the event refers to. */
function addText(kind: 'note' | 'supplement', scope: string) {
  return (referralId: string, text: string, args: ActionArgs & { readonly idempotencyKey?: string }) =>
    actOnReferral(
      referralId,
      (id): ReferralCommand =>
        kind === 'note' ? { type: 'add-note', noteId: id! } : { type: 'supplement', supplementId: id! },
      { ...args, comment: { kind, text }, ...keyed(args.idempotencyKey, `${scope}:${referralId}`, { text }) },
    );
}

export const addNote = addText('note', 'notes');
export const addSupplement = addText('supplement', 'supplements');

export const keyed = (
  key: string | undefined,
  scope: string,
  body: unknown,
  created?: Record<string, string>,
) => (key ? { idempotency: { request: { key, scope, body }, ...(created ? { created } : {}) } } : {});

/**
 * Records the person's consent to sharing with a kind of organisation for a purpose. Recording a consent that is
 * already in force changes nothing and answers with that consent, so a retried request is harmless.
 */
export async function recordConsent(referralId: string, scope: ConsentScope, args: ActionArgs) {
  const result = await actOnReferral(referralId, () => ({ type: 'record-consent', ...scope }), args);
  const consent = consentFor(result.state.consents, scope)!;
  return { ...result, consent, created: result.events.length > 0 };
}

/** The person withdrew a consent; offers resting on it are revoked in the same step. */
export function withdrawConsent(referralId: string, consentId: string, args: ActionArgs) {
  return actOnReferral(referralId, () => ({ type: 'withdraw-consent', consentId }), args);
}

/** The referral a hand-off belongs to, from the hand-off's pointer item. */
export async function referralOfHandoff(handoffId: string): Promise<string> {
  const pointer = await getHandoff(handoffId);
  if (!pointer) throw new NotFound('No such hand-off.');
  return pointer.referralId;
}

/**
 * Runs a command that creates something with a new id (a hand-off, a permit): with an Idempotency-Key, a retry
 * answers the id the first request created.
 */
export async function createOnReferral<K extends string>(
  referralId: string,
  idName: K,
  request: { readonly scope: string; readonly body: unknown },
  args: KeyedArgs,
  build: (id: string) => ReferralCommand,
) {
  const id = ulid(args.now.getTime());
  const result = await actOnReferral(referralId, () => build(id), {
    ...args,
    ...keyed(args.idempotencyKey, `${request.scope}:${referralId}`, request.body, { [idName]: id }),
  });
  return { ...result, ...({ [idName]: result.replayed?.[idName] ?? id } as Record<K, string>) };
}

export function offerHandoff(
  referralId: string,
  offer: {
    readonly recipientId: string;
    readonly purpose: HandoffPurpose;
    readonly legalBasis?: ChildLegalBasis;
  },
  args: ActionArgs & { readonly idempotencyKey?: string },
) {
  const request = { scope: 'handoffs', body: offer };
  return createOnReferral(referralId, 'handoffId', request, args, (id) => ({
    type: 'offer-handoff',
    handoffId: id,
    ...offer,
  }));
}
