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

/**
 * The referral form's answers for what a case file already says of the person (an anonymous notification's gender,
 * citizenships, languages): the form that opens the case starts from them, so nothing known is lost.
 */
export function personAnswers(file: CaseFileBody): Record<string, string> {
  const age = file.age?.stated;
  const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'yes' : 'no');
  const answers: Record<string, string | undefined> = {
    ageKind: !age
      ? undefined
      : 'dateOfBirth' in age
        ? 'dob'
        : 'estimatedYears' in age
          ? 'estimate'
          : 'unknown',
    dateOfBirth: age && 'dateOfBirth' in age ? age.dateOfBirth : undefined,
    estimatedYears: age && 'estimatedYears' in age ? String(age.estimatedYears) : undefined,
    mayBeMinor: yesNo(age && 'dateOfBirth' in age ? undefined : age?.mayBeMinor),
    gender: file.gender,
    citizenship1: file.citizenships?.[0],
    citizenship2: file.citizenships?.[1],
    language1: file.languages?.codes[0],
    language2: file.languages?.codes[1],
    interpreterNeeded: yesNo(file.languages?.interpreterNeeded),
    residenceStatus: file.residenceStatus,
  };
  return Object.fromEntries(Object.entries(answers).filter((e): e is [string, string] => e[1] !== undefined));
}
