// The coordinator's case page, shown by its own route and again by every form on it (with the form's errors and
// what was typed), and the directory of organisations its hand-off forms and the receiver's pages name.
import type { Schema } from '@nrm/client';
import type { Context } from 'hono';
import type { Api } from '../api';
import type { CaseFileBody } from '../form/case-file';
import type { MessageKey } from '../i18n/messages';
import {
  type ActionFeedback,
  type Organisation,
  ReferralPage,
  type ReferralView,
} from '../pages/coordinator';
import { SECTION_DONE } from '../pages/services-forms';
import { refused, render } from './answers';
import type { SignedInEnv } from './env';

/** What the case page's confirmation says was done, by the `?done=` its forms come back with. */
export const ACTION_DONE: Record<string, MessageKey> = {
  acknowledge: 'action.acknowledge',
  notes: 'action.note',
  handoffs: 'action.handoff',
  consents: 'action.consents',
  transfer: 'action.transfer',
  close: 'action.close',
  reopen: 'action.reopen',
  corrections: 'action.correct',
  'age-assessment': 'action.ageAssessment',
  case: 'action.openCase',
  ...SECTION_DONE,
};

export const directory = async (api: Api): Promise<Organisation[]> => {
  const result = await api.get<Schema<'OrganisationListing'>>('/v1/directory/organisations');
  return result.ok ? result.body.items : [];
};

/** The case page of the referral in the path; the referrer's and the receiver's views are pages of their own. */
export const showReferral = async (
  c: Context<SignedInEnv>,
  feedback: ActionFeedback,
  status: 200 | 400 = 200,
) => {
  const api = c.get('api');
  const id = encodeURIComponent(c.req.param('id') ?? '');
  const result = await api.get<ReferralView>(`/v1/referrals/${id}`);
  if (!result.ok) return refused(c, result.problem);
  if (c.get('user').role === 'referrer') return c.redirect(`/mine/${id}`, 303);
  if (!('clocks' in result.body) || !('channel' in result.body)) return c.redirect('/handoffs', 303);
  // Possible duplicates (issue 6): other referrals with the same pseudonymous person key, when the API offers it.
  const [duplicates, history, notes, caseFile] = await Promise.all([
    api.get<Schema<'PossibleDuplicates'>>(`/v1/referrals/${id}/possible-duplicates`),
    api.get<Schema<'ReferralHistory'>>(`/v1/referrals/${id}/events`),
    api.get<Schema<'NoteListing'>>(`/v1/referrals/${id}/notes`),
    api.get<CaseFileBody>(`/v1/referrals/${id}/case`),
  ]);
  const possibleDuplicates =
    duplicates.ok && duplicates.body.possibleDuplicate
      ? { count: duplicates.body.otherReferrals, ids: duplicates.body.otherReferralIds ?? [] }
      : undefined;
  return render(
    c,
    <ReferralPage
      ctx={c.get('page')}
      referral={{ ...result.body, ...(possibleDuplicates ? { possibleDuplicates } : {}) }}
      organisations={await directory(api)}
      feedback={feedback}
      {...(history.ok ? { history: history.body.events } : {})}
      {...(notes.ok ? { notes: notes.body.items } : {})}
      {...(caseFile.ok ? { caseFile: caseFile.body } : {})}
    />,
    status,
  );
};
