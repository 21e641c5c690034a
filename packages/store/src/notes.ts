// Free text written about a referral (coordinators' notes, referrers' supplements, comments given with a reason):
// personal data, so it lives in its own items beside the events (REFERRAL#id / NOTE#id), written in the same
// transaction as the event that refers to it, and never travels with an event to a queue or to statistics.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '@nrm/runtime';
import { keys } from './keys';
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
  const notes: Note[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: referralsTableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :notes)',
        ExpressionAttributeValues: { ':pk': keys.referral(referralId), ':notes': keys.note('') },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) notes.push(item.note as Note);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return notes;
}
