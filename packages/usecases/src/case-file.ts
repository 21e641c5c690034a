// The case file: reading it in the view the caller's access gives, correcting its facts, and opening a case for an
// anonymous notification once the person consents. Everything derived from the facts (track, queue, clocks, report
// of concern, statistics) follows in the same transaction or from its events.
import {
  type Age,
  type AgeAssessment,
  type AgeAssessmentMethod,
  buildCaseFile,
  type CaseAccess,
  type CaseData,
  type CaseFileView,
  Conflict,
  type ConsentScope,
  type CorrectionChanges,
  type CorrectionReason,
  correctCase,
  currentPersonKey,
  disclosureOf,
  factsOf,
  type LinkedChild,
  type PersonalRecord,
  type Principal,
  type ReferralState,
} from '@nrm/domain';
import { swedishDate } from '@nrm/runtime';
import {
  getPersonalRecord,
  getReferralEvents,
  getReferralState,
  listNotes,
  personalDataPut,
} from '@nrm/store';
import { ulid } from 'ulid';
import { type ActionArgs, actOnReferral, keyed } from './referral-actions';
import { normaliseIdentityNumber, personKeyOfCase } from './submit-referral';

/** Loads what `access` may see and builds the case file (a reader of the offer summary gets no personal data read). */
export async function readCaseFile(state: ReferralState, access: CaseAccess): Promise<CaseFileView> {
  const disclosure = disclosureOf(access);
  const needsPersonal = Object.values(disclosure).some((d) => d === 'visible');
  const [personal, notes, children] = await Promise.all([
    needsPersonal ? getPersonalRecord(state.id) : undefined,
    disclosure.supplements === 'visible' ? listNotes(state.id) : [],
    disclosure.children === 'visible' ? linkedChildren(state) : [],
  ]);
  const supplements = notes.filter((n) => n.kind === 'supplement');
  return buildCaseFile({ state, ...(personal ? { personal } : {}), supplements, children }, access);
}

/** The accompanying children's referrals: reference, and what the parent's referral said of each child. */
async function linkedChildren(state: ReferralState): Promise<LinkedChild[]> {
  // A parent's linked referrals are its children; a child's are its parent and siblings, not shown as children.
  if (state.parentReferralId) return [];
  return Promise.all(
    state.linkedReferrals.map(async (id): Promise<LinkedChild> => {
      const [child, personal] = await Promise.all([getReferralState(id), getPersonalRecord(id)]);
      const data = personal?.data;
      return {
        referralId: id,
        reference: child?.reference ?? '',
        ...(data?.person ? { age: data.person.age } : {}),
        ...(data ? { location: data.location } : {}),
        ...(typeof data?.inSweden === 'boolean' ? { inSweden: data.inSweden } : {}),
      };
    }),
  );
}

export interface AgeAssessmentInput {
  readonly method: AgeAssessmentMethod;
  readonly result: Age;
  readonly date: string;
  readonly assessedBy: string;
}

export interface CorrectionInput {
  readonly reason: CorrectionReason;
  readonly comment?: string;
  readonly changes: CorrectionChanges;
  readonly ageAssessment?: AgeAssessmentInput;
}

export const MAX_CORRECTIONS = 100;

const KEY_FIELDS = ['person.identityNumber', 'person.name', 'person.age'];

const recordedBy = ({ sub, role, organisationId }: Principal) => ({ sub, role, organisationId });

/** The case data of a referral, in one shape whether it was submitted for the person or as an accompanying child. */
function caseDataOf(record: PersonalRecord | undefined): CaseData {
  if (!record) throw new Conflict('The personal data of this referral has been erased.');
  return record.data;
}

/**
 * Corrects facts of the case. The personal-data item is re-read on every attempt, with the state it belongs to, and
 * written in the same transaction as the correction's events, so concurrent corrections never lose one another.
 */
export async function correctReferral(
  referralId: string,
  input: CorrectionInput,
  args: ActionArgs & { readonly idempotencyKey?: string },
) {
  const correctionId = ulid(args.now.getTime());
  const handoffId = ulid(args.now.getTime());
  const changes: CorrectionChanges = input.ageAssessment
    ? { ...input.changes, person: { ...input.changes.person, age: input.ageAssessment.result } }
    : input.changes;
  let fields: readonly string[] = [];
  const result = await actOnReferral(
    referralId,
    (commentId) => async (state) => {
      const record = await getPersonalRecord(referralId, { consistent: true });
      if (state.facts.anonymous) {
        throw new Conflict(
          'An anonymous notification keeps no personal data to correct; open a case when the person consents.',
        );
      }
      const before = caseDataOf(record);
      // Bounded: the personal-data item must stay well inside DynamoDB's 400 KB.
      if ((record!.corrections?.length ?? 0) >= MAX_CORRECTIONS) {
        throw new Conflict(`A referral takes at most ${MAX_CORRECTIONS} corrections; add a note instead.`);
      }
      const corrected = correctCase(before, changes);
      const data = normaliseIdentityNumber(corrected.data, args.now);
      fields = corrected.fields;
      const at = args.now.toISOString();
      // The person key is made of the identity number, or the name and date of birth: only a change to one of them
      // can change it, and only then is the event log read for the key the referral has now.
      const keyed = fields.some((f) => KEY_FIELDS.includes(f));
      const key = keyed ? personKeyOfCase(data) : undefined;
      const previousKey = keyed ? currentPersonKey(await getReferralEvents(referralId)) : undefined;
      const next: PersonalRecord = {
        ...record!,
        data,
        submitted: record!.submitted ?? before,
        corrections: [
          ...(record!.corrections ?? []),
          {
            id: correctionId,
            fields,
            reason: input.reason,
            ...(input.comment ? { comment: input.comment } : {}),
            at,
            by: recordedBy(args.principal),
          },
        ],
        ...(input.ageAssessment
          ? {
              ageAssessments: [
                ...(record!.ageAssessments ?? []),
                {
                  ...input.ageAssessment,
                  recordedAt: at,
                  recordedBy: recordedBy(args.principal),
                } as AgeAssessment,
              ],
            }
          : {}),
      };
      return {
        command: {
          type: 'correct',
          correctionId,
          fields,
          reason: input.reason,
          // The age at submission: statistics keep the age at referral, whenever a fact is corrected.
          facts: factsOf(data, swedishDate(new Date(state.submittedAt))),
          ...(key && key !== previousKey ? { personKey: key } : {}),
          ...(commentId ? { commentId } : {}),
          handoffId,
          outOfHoursHandoffId: ulid(args.now.getTime()),
        },
        extra: fields.length ? [personalDataPut(referralId, next)] : [],
      };
    },
    {
      ...args,
      ...(input.comment ? { comment: { kind: 'comment' as const, text: input.comment } } : {}),
      ...keyed(args.idempotencyKey, `corrections:${referralId}`, input, { correctionId }),
    },
  );
  return { ...result, correctionId: result.replayed?.correctionId ?? correctionId, fields };
}

/** What the person, now consenting, lets the case keep; what the notification already said fills the rest. */
export interface OpenCaseInput {
  readonly person: CaseData['person'];
  readonly location?: CaseData['location'];
  readonly exploitationLocation?: CaseData['location'];
  readonly exploitation?: Partial<CaseData['exploitation']>;
  readonly needs?: Partial<CaseData['needs']>;
  readonly willingToCooperateWithPolice?: boolean;
  readonly narrative?: string;
  readonly consent: { readonly contactByCoordinator?: boolean; readonly sharing?: readonly ConsentScope[] };
}

/**
 * An anonymous notification becomes a case when the person consents: their personal data is added to the same
 * referral, and who recorded the consent and when is kept with it.
 */
export async function openCase(
  referralId: string,
  input: OpenCaseInput,
  args: ActionArgs & { readonly idempotencyKey?: string },
) {
  const handoffId = ulid(args.now.getTime());
  return actOnReferral(
    referralId,
    () => async (state) => {
      const { facts } = state;
      const { consent, ...given } = input;
      const data = normaliseIdentityNumber(
        {
          ...given,
          location: input.location ?? facts.location,
          exploitation: { purposes: facts.purposes, ...input.exploitation },
          needs: { acuteProtection: facts.acuteProtection, ...input.needs },
          consent: { status: 'given' as const, ...consent },
        } as CaseData,
        args.now,
      );
      const at = args.now.toISOString();
      const key = personKeyOfCase(data);
      return {
        command: {
          type: 'open-case',
          facts: factsOf(data, swedishDate(new Date(state.submittedAt))),
          ...(key ? { personKey: key } : {}),
          consents: input.consent.sharing ?? [],
          handoffId,
          outOfHoursHandoffId: ulid(args.now.getTime()),
        },
        extra: [personalDataPut(referralId, { data, caseOpened: { at, by: recordedBy(args.principal) } })],
      };
    },
    {
      ...args,
      ...keyed(args.idempotencyKey, `case:${referralId}`, input),
    },
  );
}
