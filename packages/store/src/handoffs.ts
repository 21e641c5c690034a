// Hand-off pointer items (HANDOFF#id): find a hand-off's referral from its id, and list an organisation's hand-offs
// by status through the byRecipient index. Written in the same transaction as the hand-off's events.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Handoff, HandoffStatus, ReferralState } from '@nrm/domain';
import { dynamo } from '@nrm/runtime';
import { keys } from './keys';
import { type Page, queryPage } from './query';
import { referralsTableName, type TransactItem } from './referrals';

export interface HandoffSummary {
  readonly handoff: Handoff;
  readonly referralId: string;
  readonly reference: string;
  readonly track: 'adult' | 'child';
}

/** Puts for every hand-off that is new or changed between the two states. */
export function handoffTransactItems(before: ReferralState, after: ReferralState): TransactItem[] {
  const TableName = referralsTableName();
  return after.handoffs
    .filter((h) => {
      const previous = before.handoffs.find((p) => p.id === h.id);
      return !previous || JSON.stringify(previous) !== JSON.stringify(h);
    })
    .map(
      (handoff): TransactItem => ({
        Put: {
          TableName,
          Item: {
            pk: keys.handoff(handoff.id),
            sk: keys.handoffItem,
            entity: 'handoff',
            referralId: after.id,
            reference: after.reference,
            track: after.route?.track ?? 'child',
            handoff,
            recipientPk: keys.recipient(handoff.recipient.id),
            recipientSk: `${handoff.status}#${handoff.offeredAt}#${handoff.id}`,
          },
        },
      }),
    );
}

function summary(item: Record<string, unknown>): HandoffSummary {
  return {
    handoff: item.handoff as Handoff,
    referralId: item.referralId as string,
    reference: item.reference as string,
    track: item.track as HandoffSummary['track'],
  };
}

export async function getHandoff(handoffId: string): Promise<HandoffSummary | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: referralsTableName(),
      Key: { pk: keys.handoff(handoffId), sk: keys.handoffItem },
    }),
  );
  return Item ? summary(Item) : undefined;
}

/** An organisation's hand-offs with one status, oldest offer first: a query, never a scan. */
export async function listHandoffsFor(
  organisationId: string,
  status: HandoffStatus,
  options: { readonly limit: number; readonly cursor?: string },
): Promise<Page<HandoffSummary>> {
  return queryPage(
    {
      TableName: referralsTableName(),
      IndexName: 'byRecipient',
      KeyConditionExpression: 'recipientPk = :org AND begins_with(recipientSk, :status)',
      ExpressionAttributeValues: { ':org': keys.recipient(organisationId), ':status': `${status}#` },
    },
    options,
    `handoffs:${organisationId}:${status}`,
    summary,
  );
}
