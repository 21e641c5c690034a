// Local mode: the notification e-mails the platform has sent (the stand-in for SES), read from /local/outbox.
import { Layout } from '../layout';
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
    <Layout ctx={ctx} title={t('outbox.title')}>
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.intro', { count: entries.length })}</p>
      {entries.length === 0 ? (
        <p>{t('handoffs.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('outbox.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outbox.sent')}</th>
                <th scope="col">{t('outbox.to')}</th>
                <th scope="col">{t('outbox.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>{formatDateTime(e.sentAt, ctx)}</td>
                  <td>{e.to.join(', ')}</td>
                  <td>
                    <details>
                      <summary>{e.subject}</summary>
                      <pre class="mail">{e.text}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href="/local/outbox?format=json">JSON</a>
      </p>
    </Layout>
  );
}
