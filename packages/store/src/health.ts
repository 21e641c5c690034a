// Whether the store's tables answer, for GET /health in AWS: one read of an item that never exists.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '@nrm/runtime';
import { keys } from './keys';
import { referralsTableName } from './referrals';

/** Resolves once the referrals table answered; rejects (or aborts with `abortSignal`) when it does not. */
export async function tablesAnswer(abortSignal?: AbortSignal): Promise<true> {
  await dynamo().send(
    new GetCommand({ TableName: referralsTableName(), Key: { pk: keys.health, sk: keys.health } }),
    { abortSignal },
  );
  return true;
}
