// The local stand-in for SES: notification e-mails are JSON files in an outbox folder; /local/outbox lists them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutboxEntry } from '@nrm/messaging';
import { html, raw } from 'hono/html';

/** Every e-mail in the outbox, newest first (file names are event ids, which sort by time). */
export function readOutbox(dir: string): OutboxEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .reverse()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as OutboxEntry);
}

export function outboxPage(entries: readonly OutboxEntry[]) {
  const rows = entries.map(
    (e) => html`<tr>
      <td>${e.sentAt}</td>
      <td>${e.to.join(', ')}</td>
      <td>${e.subject}</td>
      <td><code>${e.eventType}</code></td>
    </tr>`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>NRM local outbox</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 2rem; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
        </style>
      </head>
      <body>
        <h1>Local outbox</h1>
        <p>
          Notification e-mails the platform sent (${entries.length}). In AWS these go through SES. They name the
          referral and what is due, never the person. JSON: <a href="?format=json">?format=json</a>.
        </p>
        <table>
          <thead>
            <tr><th>Sent</th><th>To (mailbox)</th><th>Subject</th><th>Event</th></tr>
          </thead>
          <tbody>
            ${rows.length ? rows : raw('<tr><td colspan="4">Nothing sent yet.</td></tr>')}
          </tbody>
        </table>
      </body>
    </html>`;
}
