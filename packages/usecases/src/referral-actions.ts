// The coordinator's, the referrer's and the receiver's actions on a referral, as the API calls them. Free text a
// caller sends (a note, a supplement, a comment with a reason) is stored as a note item the event refers to by id.
import {
  type ChildLegalBasis,
  type ConsentScope,
  consentFor,
  type HandoffPurpose,
  type Principal,
  type ReferralCommand,
  type ReferralState,
} from '@nrm/domain';
import { getHandoff, type Note, type NoteKind } from '@nrm/store';
import { ulid } from 'ulid';
import { NotFound } from './errors';
import { actorOf, type CommandResult, runCommand } from './referral-commands';

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

/**
 * Runs `command` on the referral. `comment`, when given, is stored as a note and its id handed to `build`, so the
 * event refers to the text without carrying it.
 */
export async function actOnReferral(
  referralId: string,
  build: (commentId: string | undefined) => ReferralCommand,
  args: ActionArgs & { readonly comment?: { readonly kind: NoteKind; readonly text: string } },
): Promise<CommandResult & { readonly noteId?: string }> {
  const comment = args.comment
    ? note(args.comment.kind, args.comment.text, args.principal, args.now)
    : undefined;
  const result = await runCommand({
    referralId,
    command: build(comment?.id),
    actor: actorOf(args.principal),
    now: args.now,
    authorize: args.authorize,
    ...(comment ? { notes: [comment] } : {}),
  });
  return { ...result, ...(comment ? { noteId: comment.id } : {}) };
}

export function addNote(referralId: string, text: string, args: ActionArgs) {
  return actOnReferral(referralId, (noteId) => ({ type: 'add-note', noteId: noteId! }), {
    ...args,
    comment: { kind: 'note', text },
  });
}

export function addSupplement(referralId: string, text: string, args: ActionArgs) {
  return actOnReferral(referralId, (supplementId) => ({ type: 'supplement', supplementId: supplementId! }), {
    ...args,
    comment: { kind: 'supplement', text },
  });
}

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

export async function offerHandoff(
  referralId: string,
  offer: {
    readonly recipientId: string;
    readonly purpose: HandoffPurpose;
    readonly legalBasis?: ChildLegalBasis;
  },
  args: ActionArgs,
) {
  const handoffId = ulid(args.now.getTime());
  const result = await actOnReferral(
    referralId,
    () => ({ type: 'offer-handoff', handoffId, ...offer }),
    args,
  );
  return { ...result, handoffId };
}
