// An organisation's feed against DynamoDB Local: a message is recorded once however often it is delivered, a
// delivery that died between the marker and the item still leaves the item, at the place the marker named. Times are
// injected (the feed shows what is FEED_SETTLE_MS old); no clock is moved.
import type { WebhookPayload } from '@nrm/domain';
import { FEED_SETTLE_MS, keys, listFeed, putFeedItem, putIf, referralsTableName } from '@nrm/store';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';

const payload = (id: string): WebhookPayload => ({
  id,
  type: 'referral.status-changed',
  occurredAt: '2026-11-30T10:00:00.000Z',
  referralId: ulid(),
  reference: 'NRM-2026-000001',
  status: 'received',
});

const T0 = new Date('2026-11-30T10:00:01.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

async function feedOf(organisationId: string) {
  return (await listFeed(organisationId, { limit: 50, now: later(60_000 + FEED_SETTLE_MS) })).items;
}

describe('the feed', () => {
  it('records a message delivered three times once, at the time it was first recorded', async () => {
    const org = `feed-${ulid()}`;
    const message = payload(`msg-${ulid()}`);
    const other = payload(`msg-${ulid()}`);
    await putFeedItem(org, message, T0);
    await putFeedItem(org, other, later(1000));
    await putFeedItem(org, message, later(2000));
    await putFeedItem(org, message, later(30_000));
    expect((await feedOf(org)).map((m) => m.id)).toEqual([message.id, other.id]);
  });

  it('puts the item of a delivery that died after its marker where the marker says, once', async () => {
    const org = `feed-${ulid()}`;
    const message = payload(`msg-${ulid()}`);
    // What the died delivery left: the marker alone, naming the place it was recorded at.
    await putIf({
      TableName: referralsTableName(),
      Item: {
        pk: keys.feed(org),
        sk: keys.feedMessage(message.id),
        entity: 'feed-marker',
        itemSk: keys.feedItem(T0.toISOString(), message.id),
      },
    });
    expect(await feedOf(org)).toEqual([]);
    await putFeedItem(org, message, later(20_000));
    await putFeedItem(org, message, later(21_000));
    expect((await feedOf(org)).map((m) => m.id)).toEqual([message.id]);
    // At the marker's place (T0), not at the redelivery's time: settled a millisecond past T0, it is there.
    const settledAtT0 = await listFeed(org, { limit: 50, now: later(FEED_SETTLE_MS + 1) });
    expect(settledAtT0.items.map((m) => m.id)).toEqual([message.id]);
  });

  it('adds nothing for a message whose marker predates the place (it was written with its item)', async () => {
    const org = `feed-${ulid()}`;
    const message = payload(`msg-${ulid()}`);
    await putIf({
      TableName: referralsTableName(),
      Item: { pk: keys.feed(org), sk: keys.feedMessage(message.id), entity: 'feed-marker' },
    });
    await putFeedItem(org, message, T0);
    expect(await feedOf(org)).toEqual([]);
  });
});
