/** @jsxImportSource hono/jsx */
// Every page's "signed in as" line names the person and their organisation as people read it — never an id.
import { findOrganisation, socialServicesId } from '@nrm/domain';
import { describe, expect, it } from 'vitest';
import { translator } from '../src/i18n/messages';
import { Layout } from '../src/layout';
import type { User } from '../src/session';

function signedInLine(user: User): string {
  const page = String(
    <Layout
      ctx={{
        lang: 'sv',
        t: translator('sv'),
        user,
        csrf: 'x',
        path: '/',
        localTools: false,
        now: new Date(),
      }}
      title="Start"
    >
      <p>…</p>
    </Layout>,
  );
  const line = page.match(/<p class="signed-in">([^<]*)<\/p>/);
  if (!line) throw new Error('no signed-in line');
  return line[1]!;
}

/** A signed-in user of the organisation. */
const user = (
  name: string,
  role: User['role'],
  organisationId: string,
  organisationType: User['organisationType'],
) => ({ sub: 'u', name, role, organisationId, organisationType }) satisfies User;

describe('the signed-in line', () => {
  it('names a coordinator office by its queue', () => {
    const line = signedInLine({
      ...user(
        'Barnkoordinator, region Syd',
        'regional-coordinator',
        'coordinator-office:syd:child',
        'coordinator-office',
      ),
      region: 'syd',
    });
    expect(line).toBe('Inloggad som Barnkoordinator, region Syd, Syd – Barn');
  });

  it("names a receiving organisation by the directory's name", () => {
    const id = socialServicesId('1280');
    const line = signedInLine(user('Mottagningsenheten', 'receiver', id, 'social-services'));
    expect(line).toBe(`Inloggad som Mottagningsenheten, ${findOrganisation(id)!.name}`);
  });

  it('names the organisation once when the name already says it', () => {
    const id = socialServicesId('1280');
    const organisation = findOrganisation(id)!.name;
    expect(signedInLine(user(organisation, 'receiver', id, 'social-services'))).toBe(
      `Inloggad som ${organisation}`,
    );
  });

  it('leaves out an organisation it cannot name rather than show its id', () => {
    const line = signedInLine(
      user('Handläggare, Stödgruppen mot människohandel (CSO)', 'referrer', 'cso:stodgruppen', 'cso'),
    );
    expect(line).toBe('Inloggad som Handläggare, Stödgruppen mot människohandel (CSO)');
  });
});
