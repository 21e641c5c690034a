// Local mode: the notification e-mails the platform has sent (the stand-in for SES), read from /local/outbox.
import { ListPage } from '../layout';
import { formatDateTime, type PageContext } from '../page-context';

export interface OutboxEntry {
  readonly eventId: string;
  readonly eventType: string;
  readonly reference: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly sentAt: string;
}

export function OutboxPage({ ctx, entries }: { ctx: PageContext; entries: readonly OutboxEntry[] }) {
  const { t } = ctx;
  return (
    <ListPage
      ctx={ctx}
      title={t('outbox.title')}
      intro={t('outbox.intro', { count: entries.length })}
      empty={t('handoffs.none')}
      rows={entries}
      columns={[
        { header: t('outbox.sent'), cell: (e) => formatDateTime(e.sentAt, ctx) },
        { header: t('outbox.to'), cell: (e) => e.to.join(', ') },
        {
          header: t('outbox.subject'),
          cell: (e) => (
            <details>
              <summary>{e.subject}</summary>
              <pre class="mail">{e.text}</pre>
            </details>
          ),
        },
      ]}
    >
      <p>
        <a href="/local/outbox?format=json">JSON</a>
      </p>
    </ListPage>
  );
}
