// A comment given with an action (a coded reason's explanation): kept as a note item, which the action's event
// refers to by id, so events carry no free text.
import { present, type ReferralCommand } from '@nrm/domain';
import { type ActionArgs, actOnReferral } from './referral-actions';

/** A command that may refer to a comment, as its caller gives it: without the note's id, which keeping it makes. */
export type CommentableCommand = WithoutCommentId<ReferralCommand>;
type WithoutCommentId<C> = C extends unknown
  ? 'commentId' extends keyof C
    ? Omit<C, 'commentId'>
    : never
  : never;

/**
 * Runs a command that may refer to a comment (a coded reason's explanation): `comment`, when given, is kept as a note
 * of kind `comment` and the command's event refers to it by id.
 */
export function actWithComment(
  referralId: string,
  command: CommentableCommand,
  comment: string | undefined,
  args: ActionArgs,
) {
  return actOnReferral(referralId, (commentId) => ({ ...command, ...present({ commentId }) }), {
    ...args,
    ...withComment(comment),
  });
}

/** A comment given with an action, as `actOnReferral` keeps it: a note of kind `comment`. */
export const withComment = (text: string | undefined) =>
  text ? { comment: { kind: 'comment' as const, text } } : {};
