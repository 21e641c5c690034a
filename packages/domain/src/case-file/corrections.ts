// Corrections of a case's facts (domain.md §9): a real date of birth turns up, an age is assessed, the person moves.
// Pure: the corrected case data and the names of the fields that really changed — never their values, which stay in
// the personal-data item.
import type { CaseData } from '../intake';
import type { Age, Location } from '../routing';

/** What a correction may change: personal fields and coded facts. `null` removes an optional field. */
export interface CorrectionChanges {
  readonly person?: {
    readonly name?: string | null;
    readonly alias?: string | null;
    readonly identityNumber?: string | null;
    readonly age?: Age;
    readonly gender?: string;
    readonly citizenships?: readonly string[];
    readonly languages?: readonly string[];
    readonly interpreterNeeded?: boolean | null;
    readonly residenceStatus?: string | null;
  };
  readonly location?: Location;
  readonly exploitationLocation?: Location | null;
  readonly exploitation?: {
    readonly purposes?: readonly string[];
    readonly indicators?: readonly string[];
    readonly onlineArenas?: readonly string[];
  };
  readonly needs?: {
    readonly acuteProtection?: boolean;
    readonly shelter?: boolean | null;
    readonly medical?: boolean | null;
    readonly safetyThreat?: boolean | null;
    readonly vulnerabilities?: readonly string[];
  };
  readonly willingToCooperateWithPolice?: boolean | null;
}

type Section = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function merge(
  current: Section | undefined,
  changes: Record<string, unknown>,
  prefix: string,
  fields: string[],
): Section {
  const next: Section = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (same(next[key], value === null ? undefined : value)) continue;
    if (value === null) delete next[key];
    else next[key] = value;
    fields.push(`${prefix}${key}`);
  }
  return next;
}

/**
 * The case data after `changes`, and the dotted names of the fields that changed (`person.age`, `location`, …).
 * Setting a field to the value it has is no change.
 */
export function correctCase(
  data: CaseData,
  changes: CorrectionChanges,
): { readonly data: CaseData; readonly fields: readonly string[] } {
  const fields: string[] = [];
  const { person, exploitation, needs, ...top } = changes;
  const next: Section = merge(data, top, '', fields);
  if (person) next.person = merge(data.person, person, 'person.', fields);
  if (exploitation) next.exploitation = merge(data.exploitation, exploitation, 'exploitation.', fields);
  if (needs) next.needs = merge(data.needs, needs, 'needs.', fields);
  return { data: next as CaseData, fields };
}
