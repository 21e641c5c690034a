import { keys } from './keys';
import { readPartition } from './query';
import { referralsTableName } from './referrals';
import { CONDITIONS, type NamedItem, named } from './transaction';

export type NoteKind = 'note' | 'supplement' | 'comment';

export interface Note {
  readonly id: string;
  readonly kind: NoteKind;
  readonly text: string;
  readonly author: { readonly sub: string; readonly organisationId: string };
  readonly createdAt: string;
}

export function noteTransactItem(referralId: string, note: Note): NamedItem {
  return named(CONDITIONS.note, {
    Put: {
      TableName: referralsTableName(),
      Item: { pk: keys.referral(referralId), sk: keys.note(note.id), entity: 'note', note },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
}

/** Every note item of the referral, oldest first (ids are ULIDs). */
export async function listNotes(referralId: string): Promise<Note[]> {
  const items = await readPartition(referralsTableName(), keys.referral(referralId), keys.note.prefix);
  return items.map((item) => item.note as Note);
}
