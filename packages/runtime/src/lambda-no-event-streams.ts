// What the function bundles give the AWS SDK in place of `@smithy/core/event-streams` (infra's esbuild alias; the
// local platform and the tests keep the real module). The SDK's HTTP protocol loads it by a dynamic import that
// esbuild inlines, ~15 KiB of event-stream codec in every function, but only an operation with an event-stream
// member (S3 SelectObjectContent, Bedrock, Transcribe streaming, …) ever calls it: DynamoDB, SQS, SES and Secrets
// Manager have none. Should a function ever call such an operation, it fails with this error, not silently.
const UNAVAILABLE =
  'AWS SDK event streams are left out of the NRM function bundles (infra/lib/lambda-bundling.ts): remove the alias of @smithy/core/event-streams to call an operation that streams events';

export class EventStreamSerde {
  constructor() {
    throw new Error(UNAVAILABLE);
  }
}

export function eventStreamSerdeProvider(): never {
  throw new Error(UNAVAILABLE);
}
