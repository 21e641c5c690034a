// Teamwork: a coordinator's own cases, the search (by reference, or by name and date of birth), a queue's team and
// its assignments, and taking a referral.
import type { ReferralAnyView, Schema } from '@nrm/client';
import { Hono } from 'hono';
import { signedIn } from '../middleware/guard';
import { MyCasesPage, SearchPage, TeamPage } from '../pages/team';
import { refused, render } from './answers';
import type { WebEnv } from './env';
import { str } from './form-data';

type Listing = { items: Schema<'QueueListing'>['items'] };

export function teamRoutes() {
  const web = new Hono<WebEnv>();
  const anyone = signedIn();

  web.get('/my-cases', anyone, async (c) => {
    const result = await c.get('api').get<Listing>('/v1/my/cases?limit=100');
    if (!result.ok) return refused(c, result.problem);
    return render(c, <MyCasesPage ctx={c.get('page')} items={result.body.items} />);
  });
  web.get('/search', anyone, (c) => render(c, <SearchPage ctx={c.get('page')} />));
  web.post('/search', anyone, async (c) => {
    const form = await c.req.parseBody({ all: true });
    const api = c.get('api');
    const ctx = c.get('page');
    const reference = str(form, 'reference');
    if (reference) {
      if (!/^NRM-\d{4}-\d{6}$/.test(reference))
        return render(c, <SearchPage ctx={ctx} error="search.invalid" />, 400);
      const found = await api.get<ReferralAnyView>(`/v1/references/${reference}`);
      if (found.ok) return c.redirect(`/referrals/${found.body.id}`, 303);
      if (found.status === 404) return render(c, <SearchPage ctx={ctx} error="search.notFound" />, 404);
      return refused(c, found.problem);
    }
    const result = await api.post<Schema<'SearchResult'>>('/v1/search/referrals', {
      name: str(form, 'name'),
      dateOfBirth: str(form, 'dateOfBirth'),
    });
    if (result.ok) return render(c, <SearchPage ctx={ctx} hits={result.body.items} searched />);
    if (result.status === 400 || result.status === 422)
      return render(c, <SearchPage ctx={ctx} error="search.invalid" />, 400);
    if (result.status === 429) return render(c, <SearchPage ctx={ctx} error="search.tooMany" />, 429);
    return refused(c, result.problem);
  });
  web.get('/team/:queue', anyone, async (c) => {
    const queue = encodeURIComponent(c.req.param('queue'));
    const [team, listing] = await Promise.all([
      c.get('api').get<Schema<'TeamWorkload'>>(`/v1/queues/${queue}/team`),
      c.get('api').get<Listing>(`/v1/queues/${queue}/referrals?limit=100`),
    ]);
    if (!team.ok) return refused(c, team.problem);
    if (!listing.ok) return refused(c, listing.problem);
    return render(
      c,
      <TeamPage
        ctx={c.get('page')}
        queue={c.req.param('queue')}
        coordinators={team.body.coordinators}
        items={listing.body.items}
        moved={c.req.query('moved') === '1'}
      />,
    );
  });
  web.post('/team/:queue/referrals/:id/assign', anyone, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody({ all: true });
    const assignee = str(form, `assignee-${id}`);
    const reason = str(form, `reason-${id}`);
    const result = await c
      .get('api')
      .post(`/v1/referrals/${encodeURIComponent(id)}/assign`, { assignee, ...(reason ? { reason } : {}) });
    if (!result.ok && result.status !== 400 && result.status !== 422) return refused(c, result.problem);
    const queue = encodeURIComponent(c.req.param('queue'));
    return c.redirect(`/team/${queue}${result.ok ? '?moved=1' : ''}`, 303);
  });
  // Taking a referral: the coordinator assigns it to herself; the office stays the owner.
  web.post('/referrals/:id/take', anyone, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody({ all: true });
    const result = await c.get('api').post(`/v1/referrals/${encodeURIComponent(id)}/assign`, {});
    if (!result.ok) return refused(c, result.problem);
    // Back to the page the button was on, and only to a page of this site.
    const back = str(form, 'back');
    const target = /^\/(queues|referrals)\/[A-Za-z0-9:%-]+$/.test(back)
      ? back
      : `/referrals/${encodeURIComponent(id)}`;
    return c.redirect(target, 303);
  });
  return web;
}
