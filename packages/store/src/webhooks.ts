// Webhook endpoints, their delivery logs and the organisations' event feeds (issue 17), in the referrals table under
// the keys of keys.ts. Nothing here holds personal data: payloads are ids, a reference, a type, a time and a status.
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookEventType, WebhookPayload } from '@nrm/domain';
import { dynamo } from '@nrm/runtime';
import { IdempotencyKeyTaken } from './errors';
import { keys } from './keys';
import {
  decodeCursor,
  encodeCursor,
  getItem,
  isConditionFailure,
  type Page,
  putIf,
  queryPage,
  updateIf,
} from './query';
import { type IdempotencyRecord, idempotencyPut, referralsTableName } from './referrals';
import { CONDITIONS, ConditionsFailed, writeTransaction } from './transaction';

/** An organisation may register this many endpoints; the 11th is refused (409), so a fan-out stays bounded. */
export const MAX_ENDPOINTS_PER_ORGANISATION = 10;
/** Attempts kept in a delivery's log (the newest); the count of attempts is kept whole. */
export const MAX_ATTEMPTS_LOGGED = 20;
/** Feed items and delivery logs are copies for the recipient's systems; they expire after this many days. */
export const FEED_RETENTION_DAYS = 30;

export interface EndpointSecret {
  /** `whsec_` + base64 of 32 random bytes (Standard Webhooks). Returned once, when it is made. */
  readonly secret: string;
  readonly createdAt: string;
  /** Set on the old secret at a rotation: it signs too until then. */
  readonly expiresAt?: string;
}

export interface WebhookEndpoint {
  readonly id: string;
  readonly organisationId: string;
  readonly url: string;
  readonly eventTypes: readonly WebhookEventType[];
  readonly state: 'enabled' | 'disabled';
  readonly disabledReason?: 'failing';
  readonly disabledAt?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly secrets: readonly EndpointSecret[];
}

export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed';

export interface DeliveryAttempt {
  readonly at: string;
  /** The HTTP status the endpoint answered, or why there was none (`timeout`, `refused-address`, `network`). */
  readonly outcome: number | string;
  readonly ms: number;
}

export interface WebhookDelivery {
  /** The message id (`webhook-id`): the same for every attempt and replay of this message to this endpoint. */
  readonly id: string;
  readonly endpointId: string;
  readonly organisationId: string;
  readonly payload: WebhookPayload;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly attemptLog: readonly DeliveryAttempt[];
  readonly createdAt: string;
  readonly deliveredAt?: string;
  readonly nextAttemptAt?: string;
  readonly replays: number;
}

export class EndpointLimitReached extends Error {
  override readonly name = 'EndpointLimitReached';
}

const expiry = (now: Date) => Math.floor(now.getTime() / 1000) + FEED_RETENTION_DAYS * 86_400;

export async function listEndpoints(organisationId: string): Promise<WebhookEndpoint[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: referralsTableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.webhooks(organisationId), ':sk': keys.webhookEndpoint('') },
      ConsistentRead: true,
      Limit: MAX_ENDPOINTS_PER_ORGANISATION + 1,
    }),
  );
  return Items.map((item) => item.endpoint as WebhookEndpoint);
}

export async function getEndpoint(organisationId: string, id: string): Promise<WebhookEndpoint | undefined> {
  const item = await getItem(referralsTableName(), keys.webhooks(organisationId), keys.webhookEndpoint(id));
  return item?.endpoint as WebhookEndpoint | undefined;
}

/**
 * Stores a new endpoint. With an Idempotency-Key's record, both are written in one transaction (as a submission's
 * referrals are), so a retried registration can never store a second endpoint: IdempotencyKeyTaken if the key is.
 */
export async function createEndpoint(
  endpoint: WebhookEndpoint,
  idempotency?: IdempotencyRecord,
): Promise<void> {
  // Counted before the put: two concurrent registrations may make it 11, never more than a few over.
  if ((await listEndpoints(endpoint.organisationId)).length >= MAX_ENDPOINTS_PER_ORGANISATION) {
    throw new EndpointLimitReached();
  }
  const put = {
    TableName: referralsTableName(),
    Item: {
      pk: keys.webhooks(endpoint.organisationId),
      sk: keys.webhookEndpoint(endpoint.id),
      entity: 'webhook-endpoint',
      endpoint,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  if (!idempotency) {
    await dynamo().send(new PutCommand(put));
    return;
  }
  try {
    await writeTransaction([{ Put: put }, idempotencyPut(idempotency)]);
  } catch (error) {
    if (error instanceof ConditionsFailed && error.failed.includes(CONDITIONS.idempotencyKey)) {
      throw new IdempotencyKeyTaken(undefined, { cause: error });
    }
    throw error;
  }
}

/** Replaces the endpoint as read (`previous`), or returns false if someone changed it meanwhile. */
export async function replaceEndpoint(previous: WebhookEndpoint, next: WebhookEndpoint): Promise<boolean> {
  return putIf({
    TableName: referralsTableName(),
    Item: {
      pk: keys.webhooks(next.organisationId),
      sk: keys.webhookEndpoint(next.id),
      entity: 'webhook-endpoint',
      endpoint: next,
    },
    ConditionExpression: 'endpoint = :previous',
    ExpressionAttributeValues: { ':previous': previous },
  });
}

/** Removes an endpoint: nothing more is delivered to it (its delivery log expires with its items). */
export async function deleteEndpoint(organisationId: string, id: string): Promise<void> {
  await dynamo().send(
    new DeleteCommand({
      TableName: referralsTableName(),
      Key: { pk: keys.webhooks(organisationId), sk: keys.webhookEndpoint(id) },
    }),
  );
}

/**
 * A feed is read in the order its items were recorded, and only up to this long ago: events of different referrals
 * are fanned out in parallel, so an item may be recorded a moment after a later one, and a reader's cursor must not
 * have passed its place already. A put that takes longer than this (a stalled call gives up after 3 s) may be missed
 * by a reader that read meanwhile; its webhook delivery is not.
 */
export const FEED_SETTLE_MS = 5000;

/**
 * Adds a message to the organisation's feed once. The marker, keyed by the message id, is written first and names
 * the feed item's place (when it was first recorded); then the item is put there. A redelivered message finds the
 * marker and puts the same item at the same place again (a put of the same key is idempotent), so a delivery that
 * died between the two writes still leaves its item, and none is ever recorded twice. Two plain writes of 1 unit
 * each instead of a transaction of two items at 2 units each; an item put again late is a put that took long, above.
 */
export async function putFeedItem(organisationId: string, payload: WebhookPayload, now: Date): Promise<void> {
  const TableName = referralsTableName();
  const pk = keys.feed(organisationId);
  const marker = { pk, sk: keys.feedMessage(payload.id) };
  const first = keys.feedItem(now.toISOString(), payload.id);
  const written = await putIf({
    TableName,
    Item: { ...marker, entity: 'feed-marker', itemSk: first, expiresAt: expiry(now) },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
  // A marker of the earlier layout (before `itemSk`) stood beside its item, written in one transaction.
  const itemSk = written ? first : (await getItem(TableName, marker.pk, marker.sk))?.itemSk;
  if (typeof itemSk !== 'string') return;
  await dynamo().send(
    new PutCommand({
      TableName,
      Item: { pk, sk: itemSk, entity: 'feed-item', payload, expiresAt: expiry(now) },
    }),
  );
}

/**
 * The organisation's feed after a cursor, in the order recorded, up to FEED_SETTLE_MS before `now`; the cursor is
 * signed for this organisation's feed only.
 */
export async function listFeed(
  organisationId: string,
  options: { readonly after?: string; readonly limit: number; readonly now: Date },
): Promise<Page<WebhookPayload>> {
  const scope = `feed:${organisationId}`;
  const start = decodeCursor(options.after, scope);
  const settled = new Date(options.now.getTime() - FEED_SETTLE_MS).toISOString();
  const page = await dynamo().send(
    new QueryCommand({
      TableName: referralsTableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.feed(organisationId),
        ':from': keys.feedItem('', ''),
        ':to': keys.feedItem(settled, ''),
      },
      ConsistentRead: true,
      Limit: options.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const items = (page.Items ?? []).map((item) => item.payload as WebhookPayload);
  // The feed never ends: the last item read is where the next call starts, even when this page was not full.
  const last = page.Items?.at(-1);
  const next = last ? { pk: last.pk, sk: last.sk } : start;
  return { items, nextCursor: next ? encodeCursor(next, scope) : (options.after ?? null) };
}

/**
 * Records the delivery of a message to an endpoint once. Returns the delivery as stored: the new one, or the one an
 * earlier attempt of the dispatcher made (so a redelivered event re-sends what is still pending, and nothing else).
 */
export async function putDelivery(delivery: WebhookDelivery, now: Date): Promise<WebhookDelivery> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: referralsTableName(),
        Item: {
          pk: keys.webhookDeliveries(delivery.endpointId),
          sk: keys.webhookDelivery(delivery.id),
          entity: 'webhook-delivery',
          delivery,
          expiresAt: expiry(now),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return delivery;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return (await getDelivery(delivery.endpointId, delivery.id)) ?? delivery;
  }
}

export async function getDelivery(endpointId: string, id: string): Promise<WebhookDelivery | undefined> {
  const item = await getItem(
    referralsTableName(),
    keys.webhookDeliveries(endpointId),
    keys.webhookDelivery(id),
  );
  return item?.delivery as WebhookDelivery | undefined;
}

/** Writes the delivery's new state if it is still at the attempt count the writer read (one writer per attempt). */
export async function updateDelivery(previous: WebhookDelivery, next: WebhookDelivery): Promise<boolean> {
  return updateIf({
    TableName: referralsTableName(),
    Key: { pk: keys.webhookDeliveries(next.endpointId), sk: keys.webhookDelivery(next.id) },
    UpdateExpression: 'SET delivery = :next',
    ConditionExpression: 'delivery.attempts = :attempts AND delivery.replays = :replays',
    ExpressionAttributeValues: {
      ':next': next,
      ':attempts': previous.attempts,
      ':replays': previous.replays,
    },
  });
}

/** An endpoint's delivery log, newest first. */
export async function listDeliveries(
  endpointId: string,
  options: { readonly cursor?: string; readonly limit: number },
): Promise<Page<WebhookDelivery>> {
  return queryPage(
    {
      TableName: referralsTableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: {
        ':pk': keys.webhookDeliveries(endpointId),
        ':sk': keys.webhookDelivery.prefix,
      },
      ConsistentRead: true,
      ScanIndexForward: false,
    },
    options,
    `deliveries:${endpointId}`,
    (item) => item.delivery as WebhookDelivery,
  );
}
