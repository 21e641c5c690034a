// Notification e-mail. Locally every e-mail is a JSON file in an outbox folder (the local platform lists them at
// /local/outbox); in AWS it goes through SES (one signed request: packages/runtime/src/ses.ts). E-mails are addressed
// to mailboxes (offices, organisations), never to a person, and carry only a reference, what is due and when.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutgoingEmail, SendEmail } from '@nrm/domain/notifications';
import { emailSent } from '@nrm/runtime/client-hooks';
import { type SendEmailRequest, sendEmail } from '@nrm/runtime/ses';
import * as z from 'zod/mini';

export type { OutgoingEmail, SendEmail } from '@nrm/domain/notifications';

/** An e-mail as the local outbox keeps it. */
export interface OutboxEntry extends OutgoingEmail {
  readonly sentAt: string;
}

const MailConfig = z.object({
  outboxDir: z.optional(z.string().check(z.minLength(1))),
  from: z.optional(z.string()),
  configurationSet: z.optional(z.string()),
  /** Mailbox id (e.g. `coordinator-office:syd:child`, `regional-lead:syd`) → the functional address it reaches. */
  mailboxes: z._default(z.record(z.string(), z.email()), {}),
});

let cached: z.infer<typeof MailConfig> | undefined;

function mailConfig() {
  cached ??= MailConfig.parse({
    outboxDir: process.env.NRM_OUTBOX_DIR || undefined,
    from: process.env.NRM_MAIL_FROM,
    configurationSet: process.env.NRM_SES_CONFIGURATION_SET,
    mailboxes: process.env.NRM_MAILBOXES ? JSON.parse(process.env.NRM_MAILBOXES) : undefined,
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
    // Written beside it and renamed into place, so the outbox page never reads a half-written e-mail.
    const file = join(dir, `${email.eventId}.json`);
    writeFileSync(`${file}.partial`, `${JSON.stringify(entry, null, 2)}\n`);
    renameSync(`${file}.partial`, file);
    emailSent();
  };
}

/** A mailbox the configuration does not know: the e-mail fails (and waits in the DLQ) rather than go astray. */
export class UnknownMailbox extends Error {
  override readonly name = 'UnknownMailbox';
}

/** The SES request for one notification: functional mailboxes only, plain text, the configuration set for tracking. */
export function sesRequest(
  email: OutgoingEmail,
  config: { from: string; configurationSet?: string; mailboxes: Record<string, string> },
): SendEmailRequest {
  const to = email.to.map((mailbox) => {
    const address = config.mailboxes[mailbox];
    if (!address) throw new UnknownMailbox(`No address configured for mailbox ${mailbox}`);
    return address;
  });
  return {
    FromEmailAddress: config.from,
    Destination: { ToAddresses: [...new Set(to)] },
    Content: {
      Simple: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
      },
    },
    ...(config.configurationSet ? { ConfigurationSetName: config.configurationSet } : {}),
    EmailTags: [{ Name: 'eventType', Value: email.eventType.replace(/[^A-Za-z0-9_-]/g, '_') }],
  };
}

/**
 * The transport of this environment: the outbox folder when NRM_OUTBOX_DIR is set (local mode), else SES with the
 * sender address and the mailbox map of the deployment.
 */
export function emailTransport(): SendEmail {
  const { outboxDir, from, configurationSet, mailboxes } = mailConfig();
  if (outboxDir) return fileOutbox(outboxDir);
  if (!from) {
    return async () => {
      throw new EmailTransportUnavailable('No e-mail transport: set NRM_OUTBOX_DIR or NRM_MAIL_FROM');
    };
  }
  return async (email) => {
    await sendEmail(
      sesRequest(email, { from, mailboxes, ...(configurationSet ? { configurationSet } : {}) }),
    );
    emailSent();
  };
}
