// Notification e-mail. Locally every e-mail is a JSON file in an outbox folder (the local platform lists them at
// /local/outbox); in AWS it goes through SES. E-mails are addressed to mailboxes (offices, organisations), never to
// a person, and carry only a reference, what is due and when.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface OutgoingEmail {
  readonly eventId: string;
  readonly eventType: string;
  readonly reference: string;
  readonly clockKind?: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** An e-mail as the local outbox keeps it. */
export interface OutboxEntry extends OutgoingEmail {
  readonly sentAt: string;
}

export type SendEmail = (email: OutgoingEmail) => Promise<void>;

const MailConfig = z.object({
  outboxDir: z.string().min(1).optional(),
  from: z.string().optional(),
  configurationSet: z.string().optional(),
});

let cached: z.infer<typeof MailConfig> | undefined;

function mailConfig() {
  cached ??= MailConfig.parse({
    outboxDir: process.env.NRM_OUTBOX_DIR || undefined,
    from: process.env.NRM_MAIL_FROM,
    configurationSet: process.env.NRM_SES_CONFIGURATION_SET,
  });
  return cached;
}

export class EmailTransportUnavailable extends Error {
  override readonly name = 'EmailTransportUnavailable';
}

/** Writes each e-mail to `<dir>/<eventId>.json`: the event id makes a resend overwrite, never duplicate. */
export function fileOutbox(dir: string): SendEmail {
  return async (email) => {
    mkdirSync(dir, { recursive: true });
    const entry: OutboxEntry = { ...email, sentAt: new Date().toISOString() };
    writeFileSync(join(dir, `${email.eventId}.json`), `${JSON.stringify(entry, null, 2)}\n`);
  };
}

/**
 * The transport of this environment: the outbox folder when NRM_OUTBOX_DIR is set (local mode). SES needs its
 * client package, which this workspace does not have yet (README, known gaps); until then sending fails loudly and
 * the notification waits in the queue's dead-letter queue for a redrive.
 */
export function emailTransport(): SendEmail {
  const { outboxDir } = mailConfig();
  if (outboxDir) return fileOutbox(outboxDir);
  return async () => {
    throw new EmailTransportUnavailable('No e-mail transport: set NRM_OUTBOX_DIR, or add the SES sender');
  };
}
