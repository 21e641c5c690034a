// What the referring organisation follows: the receipt of a submission, its referrals in the status view, and a
// supplement to one of them.
import type { Schema } from '@nrm/client';
import { type Context, Hono } from 'hono';
import { signedIn } from '../middleware/guard';
import { MineDetailPage, MinePage, ReceiptPage, type StatusView } from '../pages/referrer';
import { refused, render } from './answers';
import type { SignedInEnv, WebEnv } from './env';
import { requestKey, str } from './form-data';

/** The referral named in the path, in the status view, shown by `page`; the API's refusal as its page. */
const withReferral = async (
  c: Context<SignedInEnv>,
  page: (referral: StatusView) => Response | Promise<Response>,
) => {
  const result = await c
    .get('api')
    .get<StatusView>(`/v1/referrals/${encodeURIComponent(c.req.param('id') ?? '')}`);
  return result.ok ? page(result.body) : refused(c, result.problem);
};

export function referrerRoutes() {
  const web = new Hono<WebEnv>();
  const referrer = signedIn('referrer');

  web.get('/receipts/:id', referrer, (c) =>
    withReferral(c, (referral) => render(c, <ReceiptPage ctx={c.get('page')} referral={referral} />)),
  );
  web.get('/mine', referrer, async (c) => {
    // Everything the organisation referred, over the API or here, in the status view only.
    const result = await c
      .get('api')
      .get<Schema<'ReferralStatusListing'>>('/v1/referrals?mine=true&limit=100');
    if (!result.ok) return refused(c, result.problem);
    return render(c, <MinePage ctx={c.get('page')} referrals={result.body.items} />);
  });
  web.get('/mine/:id', referrer, (c) =>
    withReferral(c, (referral) =>
      render(
        c,
        <MineDetailPage ctx={c.get('page')} referral={referral} sent={c.req.query('sent') === '1'} />,
      ),
    ),
  );
  web.post('/mine/:id/supplements', referrer, async (c) => {
    const id = encodeURIComponent(c.req.param('id'));
    const form = await c.req.parseBody();
    const text = str(form, 'text');
    const ctx = c.get('page');
    const again = (error: string) =>
      withReferral(c, (referral) =>
        render(c, <MineDetailPage ctx={ctx} referral={referral} error={error} text={text} />, 400),
      );
    if (!text)
      return again(ctx.t('errors.required', { field: ctx.t('mine.supplement.label').toLowerCase() }));
    const result = await c.get('api').post(`/v1/referrals/${id}/supplements`, { text }, requestKey(form));
    if (!result.ok) {
      if (result.status === 400)
        return again(ctx.t('errors.api', { message: result.problem.errors?.[0]?.message ?? '' }));
      return refused(c, result.problem);
    }
    return c.redirect(`/mine/${id}?sent=1`, 303);
  });
  return web;
}
