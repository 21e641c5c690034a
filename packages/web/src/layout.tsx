// The page shell: language, skip link, header with the navigation the user's role needs, main landmark, footer.
import type { Child } from 'hono/jsx';
import { type Column, DataTable, PostForm } from './components';
import { knownOrganisationName } from './i18n/names';
import type { PageContext } from './page-context';
import type { User } from './session';

interface NavItem {
  readonly href: string;
  readonly key: Parameters<PageContext['t']>[0];
}

const isCoordinator = (user: User | undefined) =>
  !!user && ['regional-coordinator', 'child-coordinator', 'national-coordinator'].includes(user.role);

function navFor(user: User | undefined, localTools: boolean): NavItem[] {
  if (!user) return [];
  const items: NavItem[] = [{ href: '/', key: 'nav.home' }];
  if (user.role === 'referrer')
    items.push({ href: '/referrals/new', key: 'nav.new' }, { href: '/mine', key: 'nav.mine' });
  if (isCoordinator(user))
    items.push(
      { href: '/queues', key: 'nav.queue' },
      { href: '/my-cases', key: 'nav.myCases' },
      { href: '/search', key: 'nav.search' },
    );
  if (user.role === 'receiver') items.push({ href: '/handoffs', key: 'nav.handoffs' });
  if (user.role === 'national-coordinator') items.push({ href: '/dashboard', key: 'nav.dashboard' });
  if (localTools) items.push({ href: '/outbox', key: 'nav.outbox' });
  return items;
}

export function Layout({
  ctx,
  title,
  children,
  hasErrors = false,
  scripts = false,
}: {
  ctx: PageContext;
  title: string;
  children: Child;
  hasErrors?: boolean;
  scripts?: boolean;
}) {
  const { t } = ctx;
  const other = ctx.lang === 'sv' ? 'en' : 'sv';
  const nav = navFor(ctx.user, ctx.localTools);
  /** A tool of the header: a form posted by a button that reads as a link. */
  const tool = (action: string, submit: string, className: string, fields?: Child) => (
    <PostForm ctx={ctx} action={action} class={className} button="link-button" submit={submit}>
      {fields}
    </PostForm>
  );
  const current = (href: string) =>
    href === '/' ? ctx.path === '/' : ctx.path === href || ctx.path.startsWith(`${href}/`);
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${hasErrors ? (ctx.lang === 'sv' ? 'Fel: ' : 'Error: ') : ''}${title} – ${t('site.name')}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        {scripts ? <script src="/assets/app.js" defer /> : null}
      </head>
      <body>
        <a href="#main" class="skip-link">
          {t('skip.link')}
        </a>
        <header class="header">
          <div class="container header-inner">
            <a href="/" class="brand">
              <span class="brand-short">{t('site.short')}</span>{' '}
              <span class="brand-name">{t('site.name')}</span>
            </a>
            <div class="header-tools">
              <a href={`${ctx.path}?lang=${other}`} lang={other} hreflang={other} class="lang-switch">
                {t('lang.switch')}
              </a>
              {isCoordinator(ctx.user) ? (
                // Finding a case by its number from any page; posted, so nothing lands in a URL or a log.
                <search>
                  {tool(
                    '/search',
                    t('search.byReference'),
                    'inline-form header-search',
                    <>
                      <label for="header-reference" class="visually-hidden">
                        {t('search.reference')}
                      </label>
                      <input
                        id="header-reference"
                        name="reference"
                        type="search"
                        placeholder="NRM-2026-000123"
                        autocomplete="off"
                        class="header-search-input"
                      />
                    </>,
                  )}
                </search>
              ) : null}
              {ctx.user ? tool('/sign-out', t('nav.signOut'), 'inline-form') : null}
            </div>
          </div>
          {nav.length ? (
            <nav aria-label={t('nav.label')} class="nav">
              <ul class="container nav-list">
                {nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                      {t(item.key)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="container main" tabindex={-1}>
          {ctx.user ? <p class="signed-in">{signedInAs(ctx, ctx.user)}</p> : null}
          {children}
        </main>
        <footer class="footer">
          <div class="container">
            <p>{t('footer.text')}</p>
            <p>
              <a href="/accessibility">{t('footer.accessibility')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A page whose heading is its title: the shell, the one `h1`, then the page. */
export function TitledPage(props: Parameters<typeof Layout>[0]) {
  return (
    <Layout {...props}>
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

/** A page that is one list: its title, what it lists, the table (captioned by the title unless said) and what follows. */
export function ListPage<R>({
  ctx,
  title,
  intro,
  scripts,
  caption = title,
  showCaption,
  empty,
  rows,
  columns,
  children,
}: {
  ctx: PageContext;
  title: string;
  intro: string;
  scripts?: boolean;
  caption?: string;
  showCaption?: boolean;
  empty: string;
  rows: readonly R[];
  columns: readonly Column<R>[];
  children?: Child;
}) {
  return (
    <TitledPage ctx={ctx} title={title} {...(scripts ? { scripts } : {})}>
      <p>{intro}</p>
      <DataTable
        caption={caption}
        {...(showCaption ? { showCaption } : {})}
        empty={empty}
        rows={rows}
        columns={columns}
      />
      {children}
    </TitledPage>
  );
}

/**
 * Who is signed in, as people read it: the person's name and their organisation's — a coordinator office by its
 * queue, a receiving organisation by the directory's name — or the name alone where the organisation has none here
 * (an agency's or organisation's own people carry it in their name) or the name already says it.
 */
function signedInAs(ctx: PageContext, user: User): string {
  const organisation = knownOrganisationName(user.organisationId, ctx.lang);
  return organisation && !user.name.includes(organisation)
    ? ctx.t('nav.signedInAs', { name: user.name, organisation })
    : ctx.t('nav.signedInAsName', { name: user.name });
}
