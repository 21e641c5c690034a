// The server side of a signed-in web session, in the referrals table: the sealed cookie names it, and a page is served
// only while it is there. Sign-out deletes it, so a copied cookie is worth nothing afterwards; it also ends after
// 30 minutes without a page (the idle timeout) and with its access token at the latest (DynamoDB TTL on `expiresAt`
// removes it; reads ignore an expired one before that happens).
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, now } from '@nrm/runtime';
import { keys } from './keys';
import { updateIf } from './query';
import { referralsTableName } from './referrals';

export const IDLE_SECONDS = 30 * 60;
/** A page touches the record at most this often, so a busy user costs one write a minute, not one a page. */
const TOUCH_SECONDS = 60;

export interface SessionStore {
  /** Starts the record of a new session; it ends at `exp` (epoch seconds) at the latest. */
  start(id: string, sub: string, exp: number): Promise<void>;
  /** Whether the session is still on, counting this page as activity. */
  active(id: string, sub: string): Promise<boolean>;
  end(id: string): Promise<void>;
}

export function sessionStore(idleSeconds = IDLE_SECONDS): SessionStore {
  const key = (id: string) => ({ pk: keys.webSession(id), sk: keys.sessionItem });
  return {
    async start(id, sub, exp) {
      await dynamo().send(
        new PutCommand({
          TableName: referralsTableName(),
          Item: { ...key(id), sub, lastSeenAt: Math.floor(now().getTime() / 1000), expiresAt: exp },
        }),
      );
    },
    async active(id, sub) {
      if (!/^[\w-]{16,64}$/.test(id)) return false;
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: referralsTableName(), Key: key(id), ConsistentRead: true }),
      );
      const at = Math.floor(now().getTime() / 1000);
      if (!Item || Item.sub !== sub || Number(Item.expiresAt) <= at) return false;
      const lastSeenAt = Number(Item.lastSeenAt);
      if (!(at - lastSeenAt < idleSeconds)) return false;
      if (at - lastSeenAt >= TOUCH_SECONDS) {
        // Only while the record is there: a page racing sign-out must not bring the session back.
        await updateIf({
          TableName: referralsTableName(),
          Key: key(id),
          UpdateExpression: 'SET lastSeenAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        });
      }
      return true;
    },
    async end(id) {
      await dynamo().send(new DeleteCommand({ TableName: referralsTableName(), Key: key(id) }));
    },
  };
}
