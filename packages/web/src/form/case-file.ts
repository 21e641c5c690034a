// A case file (GET /v1/referrals/{id}/case) read through the referral form's field table: the adapter puts each part
// where the referral request keeps it, so the table's rows show a case as they show a referral under review, cut to
// what the reader's access discloses.
import type { CaseFile } from '@nrm/schemas';
import type { z } from 'zod';
import type { Lang, Translate } from '../i18n/messages';
import type { DisplayView, ReferralShape } from './fields';

export type CaseFileBody = z.infer<typeof CaseFile>;

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The case file's parts at the request's paths; parts the reader may not see stay absent. */
export function caseFileToReferralShape(file: CaseFileBody): ReferralShape {
  const children = file.children
    ? // A summary gives only the number of children: each is an item with nothing disclosed.
      (file.children.items ?? Array.from({ length: file.children.count }, () => ({})))
    : undefined;
  return defined({
    person: defined({
      ...file.identity,
      age: file.age?.stated,
      gender: file.gender as never,
      citizenships: file.citizenships,
      languages: file.languages?.codes,
      interpreterNeeded: file.languages?.interpreterNeeded,
      residenceStatus: file.residenceStatus as never,
    }),
    location: file.location?.now,
    exploitationLocation: file.location?.exploitation,
    exploitation: file.exploitation as ReferralShape['exploitation'],
    needs:
      file.needs || file.vulnerabilities
        ? defined({ ...file.needs, vulnerabilities: file.vulnerabilities as never })
        : undefined,
    willingToCooperateWithPolice: file.policeCooperation,
    accompanyingChildren: children as ReferralShape['accompanyingChildren'],
    narrative: file.narrative,
  }) as ReferralShape;
}

/** How the table shows this case file to its reader on `today` (the Swedish date). */
export function caseDisplayView(file: CaseFileBody, t: Translate, lang: Lang, today: string): DisplayView {
  return {
    t,
    lang,
    child: file.age?.ageGroup === 'child',
    anonymous: file.anonymous,
    case: { today, disclosure: file.disclosure, ...(file.age ? { ageGroup: file.age.ageGroup } : {}) },
  };
}
