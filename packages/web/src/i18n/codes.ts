// Labels for the coded values the API uses (code lists of the schema and the domain), in both languages.
import {
  AGE_ASSESSMENT_METHODS,
  CHILD_LEGAL_BASES,
  type CLOCK_KINDS,
  CLOCK_PAUSE_REASONS,
  CLOSE_REASONS,
  CORRECTION_REASONS,
  DECLINE_REASONS,
  type HANDOFF_KINDS,
  HANDOFF_PURPOSES,
  type HandoffStatus,
  INVESTIGATION_DECISIONS,
  ORGANISATION_TYPES,
  PERMIT_APPLICANTS,
  PERMIT_KINDS,
  PERMIT_STATUSES,
  REGION_NAMES,
  REOPEN_REASONS,
  type ReferralEventType,
  type Role,
  SERVICE_OUTCOMES,
  TRANSFER_REASONS,
} from '@nrm/domain';
import {
  EXPLOITATION_PURPOSES,
  GENDERS,
  INDICATORS,
  RESIDENCE_STATUSES,
  VULNERABILITIES,
} from '@nrm/schemas/codes';
import type { Lang } from './messages';

type Labels<T extends string> = Record<T, string>;
type Pair<T extends string> = Record<Lang, Labels<T>>;

/** A code list and its labels as one table: the codes in the list's order, and their names in each language. */
export interface CodeTable<T extends string> extends Pair<T> {
  readonly codes: readonly T[];
}

const table = <T extends string>(codes: readonly T[], labels: NoInfer<Pair<T>>): CodeTable<T> => ({
  codes,
  ...labels,
});

/** A code list's choices in a language (those `keep` keeps), in the list's order. */
export function options<T extends string>(
  list: CodeTable<T>,
  lang: Lang,
  keep: (code: T) => boolean = () => true,
): { value: T; label: string }[] {
  return list.codes.filter(keep).map((code) => ({ value: code, label: list[lang][code] }));
}

export const GENDER = table(GENDERS, {
  sv: {
    female: 'Kvinna/flicka',
    male: 'Man/pojke',
    'non-binary': 'Icke-binär',
    trans: 'Transperson',
    other: 'Annat',
    unknown: 'Okänt',
  },
  en: {
    female: 'Woman/girl',
    male: 'Man/boy',
    'non-binary': 'Non-binary',
    trans: 'Trans',
    other: 'Other',
    unknown: 'Unknown',
  },
});

export const PURPOSE = table(EXPLOITATION_PURPOSES, {
  sv: {
    sexual: 'Sexuella ändamål',
    labour: 'Tvångsarbete',
    begging: 'Tiggeri',
    criminal: 'Brottslig verksamhet',
    'organ-removal': 'Organhandel',
    'forced-marriage': 'Tvångsäktenskap',
    surrogacy: 'Surrogatmoderskap',
    'illegal-adoption': 'Olaglig adoption',
    other: 'Annat',
  },
  en: {
    sexual: 'Sexual exploitation',
    labour: 'Forced labour',
    begging: 'Begging',
    criminal: 'Criminal activities',
    'organ-removal': 'Organ removal',
    'forced-marriage': 'Forced marriage',
    surrogacy: 'Surrogacy',
    'illegal-adoption': 'Illegal adoption',
    other: 'Other',
  },
});

export const INDICATOR = table(INDICATORS, {
  sv: {
    'document-confiscation': 'Pass eller id-handlingar har tagits ifrån personen',
    'debt-bondage': 'Skuld som hålls över personen',
    'restricted-movement': 'Får inte röra sig fritt',
    'threats-or-violence': 'Hot eller våld',
    'excessive-working-hours': 'Orimligt långa arbetsdagar',
    'withheld-wages': 'Lönen hålls inne',
    'housing-controlled-by-employer': 'Arbetsgivaren kontrollerar boendet',
    'recruited-by-deception': 'Rekryterad med falska löften',
    'advertised-online': 'Annonserad på nätet',
    'signs-of-abuse': 'Tecken på misshandel',
    'does-not-know-address': 'Vet inte sin adress',
    'accompanied-by-controller': 'Åtföljd av någon som styr',
    other: 'Annat',
  },
  en: {
    'document-confiscation': 'Passport or ID documents taken away',
    'debt-bondage': 'A debt held over the person',
    'restricted-movement': 'Not free to move',
    'threats-or-violence': 'Threats or violence',
    'excessive-working-hours': 'Excessive working hours',
    'withheld-wages': 'Wages withheld',
    'housing-controlled-by-employer': 'Housing controlled by the employer',
    'recruited-by-deception': 'Recruited by deception',
    'advertised-online': 'Advertised online',
    'signs-of-abuse': 'Signs of abuse',
    'does-not-know-address': 'Does not know their address',
    'accompanied-by-controller': 'Accompanied by someone in control',
    other: 'Other',
  },
});

export const VULNERABILITY = table(VULNERABILITIES, {
  sv: {
    'lvu-placed': 'Placerad enligt LVU',
    disability: 'Funktionsnedsättning',
    'substance-use': 'Missbruk',
    lgbtqi: 'Hbtqi-person',
    pregnancy: 'Gravid',
    'mental-ill-health': 'Psykisk ohälsa',
    homelessness: 'Hemlöshet',
  },
  en: {
    'lvu-placed': 'Placed in care (LVU)',
    disability: 'Disability',
    'substance-use': 'Substance use',
    lgbtqi: 'LGBTQI',
    pregnancy: 'Pregnancy',
    'mental-ill-health': 'Mental ill health',
    homelessness: 'Homelessness',
  },
});

export const RESIDENCE = table(RESIDENCE_STATUSES, {
  sv: {
    'swedish-resident': 'Folkbokförd i Sverige',
    'eu-citizen': 'EU-medborgare',
    'third-country-national': 'Tredjelandsmedborgare',
    'asylum-seeker': 'Asylsökande',
    undocumented: 'Papperslös',
    unknown: 'Okänt',
  },
  en: {
    'swedish-resident': 'Resident in Sweden',
    'eu-citizen': 'EU citizen',
    'third-country-national': 'Third-country national',
    'asylum-seeker': 'Asylum seeker',
    undocumented: 'Undocumented',
    unknown: 'Unknown',
  },
});

/** Statuses as the coordinators see them, and the referrer's purpose-limited ones (`handed-on`). */
export const STATUS: Pair<'received' | 'routed' | 'acknowledged' | 'handed-off' | 'handed-on' | 'closed'> = {
  sv: {
    received: 'Mottagen',
    routed: 'Skickad till koordinator',
    acknowledged: 'Tagen om hand av koordinator',
    'handed-off': 'Överlämnad',
    'handed-on': 'Överlämnad',
    closed: 'Avslutad',
  },
  en: {
    received: 'Received',
    routed: 'Sent to a coordinator',
    acknowledged: 'Taken on by a coordinator',
    'handed-off': 'Handed on',
    'handed-on': 'Handed on',
    closed: 'Closed',
  },
};

export const HANDOFF_STATUS: Pair<HandoffStatus> = {
  sv: {
    offered: 'Erbjuden',
    accepted: 'Accepterad',
    active: 'Pågår',
    ended: 'Avslutad',
    declined: 'Avböjd',
    revoked: 'Återkallad',
    expired: 'Utgången',
  },
  en: {
    offered: 'Offered',
    accepted: 'Accepted',
    active: 'Running',
    ended: 'Ended',
    declined: 'Declined',
    revoked: 'Revoked',
    expired: 'Expired',
  },
};

export const HANDOFF_PURPOSE = table(HANDOFF_PURPOSES, {
  sv: {
    'report-of-concern': 'Orosanmälan',
    'social-services-investigation': 'Utredning av stödbehov (socialtjänst)',
    'protection-assessment': 'Akut skyddsbedömning',
    barnahus: 'Barnahus',
    'nsp-shelter': 'Skyddat boende och stöd (NSP)',
    'return-programme': 'Återvändandeprogrammet (ÅMP)',
    'reflection-period-permit': 'Tillstånd för betänketid',
    'health-care': 'Vård',
    'criminal-investigation': 'Brottsutredning',
    'out-of-hours-protection': 'Socialjouren: skydd utanför kontorstid',
  },
  en: {
    'report-of-concern': 'Report of concern',
    'social-services-investigation': 'Investigation of support needs (social services)',
    'protection-assessment': 'Urgent protection assessment',
    barnahus: 'Barnahus',
    'nsp-shelter': 'Shelter and support (NSP)',
    'return-programme': 'Return programme (ÅMP)',
    'reflection-period-permit': 'Reflection-period permit',
    'health-care': 'Health care',
    'criminal-investigation': 'Criminal investigation',
    'out-of-hours-protection': 'Out-of-hours social services: protection tonight',
  },
});

/** What each event of a referral's timeline says happened; the page adds the details (queue, organisation, reason). */
export const EVENT: Pair<ReferralEventType> = {
  sv: {
    'referral.received.v1': 'Hänvisningen togs emot',
    'referral.routed.v1': 'Styrd till kö',
    'referral.acknowledged.v1': 'Mottagen av koordinator',
    'referral.note-added.v1': 'Anteckning',
    'referral.assigned.v1': 'Tilldelad koordinator',
    'referral.unassigned.v1': 'Tillbaka i kön',
    'referral.transferred.v1': 'Flyttad till kö',
    'referral.closed.v1': 'Avslutad',
    'referral.reopened.v1': 'Öppnad igen',
    'referral.supplemented.v1': 'Komplettering från den som hänvisade',
    'referral.corrected.v1': 'Uppgifter rättade',
    'referral.case-opened.v1': 'Anonym anmälan blev ärende efter samtycke',
    'referral.personal-data-erased.v1': 'Personuppgifterna raderade efter bevarandetiden',
    'consent.recorded.v1': 'Samtycke registrerat',
    'consent.withdrawn.v1': 'Samtycke återkallat',
    'handoff.offered.v1': 'Överlämning erbjuden',
    'handoff.accepted.v1': 'Överlämning accepterad',
    'handoff.declined.v1': 'Överlämning avböjd',
    'handoff.revoked.v1': 'Överlämning återkallad',
    'handoff.expired.v1': 'Överlämning utgången utan svar',
    'handoff.decision-recorded.v1': 'Beslut om utredning registrerat',
    'handoff.service-started.v1': 'Insatsen har börjat',
    'handoff.service-ended.v1': 'Insatsen avslutad',
    'permit.applied.v1': 'Tillstånd ansökt',
    'permit.decided.v1': 'Beslut om tillstånd',
    'permit.extended.v1': 'Tillstånd förlängt',
    'permit.revoked.v1': 'Tillstånd återkallat',
    'referral.came-of-age.v1': 'Fyllde 18: ärendet fortsätter',
    'clock.started.v1': 'Tidsgräns startad',
    'clock.paused.v1': 'Tidsgräns pausad',
    'clock.resumed.v1': 'Tidsgräns återupptagen',
    'clock.stopped.v1': 'Tidsgräns stoppad',
    'clock.warned.v1': 'Varning: tidsgränsen närmar sig',
    'clock.breached.v1': 'Tidsgränsen överskreds',
    'clock.escalated.v1': 'Eskalerad',
  },
  en: {
    'referral.received.v1': 'The referral was received',
    'referral.routed.v1': 'Routed to queue',
    'referral.acknowledged.v1': 'Acknowledged by a coordinator',
    'referral.note-added.v1': 'Note',
    'referral.assigned.v1': 'Assigned to a coordinator',
    'referral.unassigned.v1': 'Back in the queue',
    'referral.transferred.v1': 'Transferred to queue',
    'referral.closed.v1': 'Closed',
    'referral.reopened.v1': 'Reopened',
    'referral.supplemented.v1': 'Supplement from the referrer',
    'referral.corrected.v1': 'Facts corrected',
    'referral.case-opened.v1': 'Anonymous notification became a case after consent',
    'referral.personal-data-erased.v1': 'Personal data erased after the retention period',
    'consent.recorded.v1': 'Consent recorded',
    'consent.withdrawn.v1': 'Consent withdrawn',
    'handoff.offered.v1': 'Hand-off offered',
    'handoff.accepted.v1': 'Hand-off accepted',
    'handoff.declined.v1': 'Hand-off declined',
    'handoff.revoked.v1': 'Hand-off revoked',
    'handoff.expired.v1': 'Hand-off expired unanswered',
    'handoff.decision-recorded.v1': 'Decision on investigation recorded',
    'handoff.service-started.v1': 'The service began',
    'handoff.service-ended.v1': 'The service ended',
    'permit.applied.v1': 'Permit applied for',
    'permit.decided.v1': 'Permit decision',
    'permit.extended.v1': 'Permit extended',
    'permit.revoked.v1': 'Permit revoked',
    'referral.came-of-age.v1': 'Turned 18: the case goes on',
    'clock.started.v1': 'Clock started',
    'clock.paused.v1': 'Clock paused',
    'clock.resumed.v1': 'Clock resumed',
    'clock.stopped.v1': 'Clock stopped',
    'clock.warned.v1': 'Warning: the deadline is near',
    'clock.breached.v1': 'The deadline was missed',
    'clock.escalated.v1': 'Escalated',
  },
};

export const ROLE: Pair<Role | 'system'> = {
  sv: {
    referrer: 'Hänvisande',
    'regional-coordinator': 'Regionkoordinator',
    'child-coordinator': 'Barnkoordinator',
    'national-coordinator': 'Nationell samordnare',
    'regional-lead': 'Regional samordningsansvarig',
    receiver: 'Mottagande organisation',
    auditor: 'Granskare',
    system: 'Systemet',
  },
  en: {
    referrer: 'Referrer',
    'regional-coordinator': 'Regional coordinator',
    'child-coordinator': "Children's coordinator",
    'national-coordinator': 'National coordinator',
    'regional-lead': 'Regional lead',
    receiver: 'Receiving organisation',
    auditor: 'Auditor',
    system: 'The system',
  },
};

export const NOTE_KIND: Pair<'note' | 'supplement' | 'comment'> = {
  sv: { note: 'Anteckning', supplement: 'Komplettering', comment: 'Kommentar' },
  en: { note: 'Note', supplement: 'Supplement', comment: 'Comment' },
};

/** A consent's scope as people read it: "Social services – Investigation of support needs". */
export function consentScopeLabel(scope: { recipientType: string; purpose: string }, lang: Lang): string {
  return `${label(ORG_TYPE, lang, scope.recipientType)} – ${label(HANDOFF_PURPOSE, lang, scope.purpose)}`;
}

export const LEGAL_BASIS = table(CHILD_LEGAL_BASES, {
  sv: {
    'duty-to-report': 'Anmälningsskyldighet (orosanmälan)',
    'guardian-consent': 'Vårdnadshavarens samtycke',
    'child-consent': 'Barnets eget samtycke',
    'secrecy-act-provision': 'Sekretessbrytande bestämmelse i OSL',
  },
  en: {
    'duty-to-report': 'Duty to report a concern',
    'guardian-consent': "The guardian's consent",
    'child-consent': "The child's own consent",
    'secrecy-act-provision': 'A provision of the Secrecy Act that allows the disclosure',
  },
});

export const DECLINE = table(DECLINE_REASONS, {
  sv: {
    'not-responsible': 'Vi är inte ansvariga',
    'no-capacity': 'Vi har inte kapacitet',
    'criteria-not-met': 'Kriterierna är inte uppfyllda',
    'person-declined': 'Personen tackade nej',
    duplicate: 'Dubblett',
    other: 'Annat',
  },
  en: {
    'not-responsible': 'We are not responsible',
    'no-capacity': 'No capacity',
    'criteria-not-met': 'Criteria not met',
    'person-declined': 'The person declined',
    duplicate: 'Duplicate',
    other: 'Other',
  },
});

export const CORRECTION_REASON = table(CORRECTION_REASONS, {
  sv: {
    'new-information': 'Ny information',
    'error-at-intake': 'Fel när hänvisningen gjordes',
    'age-assessment': 'Åldersbedömning',
    'identity-established': 'Identiteten är fastställd',
    'person-moved': 'Personen har flyttat',
    other: 'Annat',
  },
  en: {
    'new-information': 'New information',
    'error-at-intake': 'Error when the referral was made',
    'age-assessment': 'Age assessment',
    'identity-established': 'Identity established',
    'person-moved': 'The person has moved',
    other: 'Other',
  },
});

export const AGE_ASSESSMENT_METHOD = table(AGE_ASSESSMENT_METHODS, {
  sv: {
    'medical-dental': 'Medicinsk bedömning: tänder',
    'medical-skeletal': 'Medicinsk bedömning: skelett',
    'psychosocial-interview': 'Psykosocial intervju',
    documents: 'Handlingar',
    other: 'Annat',
  },
  en: {
    'medical-dental': 'Medical assessment: teeth',
    'medical-skeletal': 'Medical assessment: skeleton',
    'psychosocial-interview': 'Psychosocial interview',
    documents: 'Documents',
    other: 'Other',
  },
});

export const CLOSE = table(CLOSE_REASONS, {
  sv: {
    'notification-counted': 'Anonym anmälan: räknad i statistiken',
    'support-established': 'Stöd är etablerat',
    'no-indicators': 'Inga tecken på människohandel',
    'person-declined-support': 'Personen tackade nej till stöd',
    'person-left-sweden': 'Personen har lämnat Sverige',
    unreachable: 'Går inte att nå',
    duplicate: 'Dubblett',
    other: 'Annat',
  },
  en: {
    'notification-counted': 'Anonymous notification: counted in the statistics',
    'support-established': 'Support established',
    'no-indicators': 'No indicators of trafficking',
    'person-declined-support': 'The person declined support',
    'person-left-sweden': 'The person left Sweden',
    unreachable: 'Unreachable',
    duplicate: 'Duplicate',
    other: 'Other',
  },
});

export const TRANSFER = table(TRANSFER_REASONS, {
  sv: {
    'person-moved': 'Personen har flyttat',
    'wrong-region': 'Fel region',
    'exploitation-location': 'Där exploateringen skedde',
    'child-track': 'Barnärende',
    'adult-track': 'Vuxenärende',
    other: 'Annat',
  },
  en: {
    'person-moved': 'The person moved',
    'wrong-region': 'Wrong region',
    'exploitation-location': 'Where the exploitation happened',
    'child-track': 'Child case',
    'adult-track': 'Adult case',
    other: 'Other',
  },
});

export const REOPEN = table(REOPEN_REASONS, {
  sv: {
    relapse: 'Återfall',
    'new-information': 'Nya uppgifter',
    'closed-in-error': 'Avslutad av misstag',
    'consent-given': 'Personen samtyckte',
    other: 'Annat',
  },
  en: {
    relapse: 'Relapse',
    'new-information': 'New information',
    'closed-in-error': 'Closed in error',
    'consent-given': 'The person consented',
    other: 'Other',
  },
});

export const CLOCK: Pair<(typeof CLOCK_KINDS)[number]> = {
  sv: {
    acknowledge: 'Ta emot hänvisningen',
    'handoff-accept': 'Svar på överlämning',
    'referrer-feedback': 'Återkoppling till den som hänvisade',
    'owner-gap': 'Ärende utan ägare',
    'turning-18': 'Fyller 18',
    'reflection-period': 'Betänketid',
    'permit-investigation': 'Tillstånd under utredning',
    'exit-plan-permit': 'Tillstånd för exitplan',
    'child-decision': 'Beslut om utredning (14 dagar)',
    'report-of-concern': 'Orosanmälan görs (kommun anges)',
    'state-compensation': 'Statlig ersättning',
  },
  en: {
    acknowledge: 'Acknowledge the referral',
    'handoff-accept': 'Answer to a hand-off',
    'referrer-feedback': 'Feedback to the referrer',
    'owner-gap': 'Case without an owner',
    'turning-18': 'Turning 18',
    'reflection-period': 'Reflection period',
    'permit-investigation': 'Permit during an investigation',
    'exit-plan-permit': 'Exit-plan permit',
    'child-decision': 'Decision on investigation (14 days)',
    'report-of-concern': 'Report of concern made (municipality named)',
    'state-compensation': 'State compensation',
  },
};

export const CLOCK_STATE: Pair<'running' | 'paused' | 'warned' | 'breached' | 'stopped'> = {
  sv: {
    running: 'Löper',
    paused: 'Pausad',
    warned: 'Snart försenad',
    breached: 'Passerad',
    stopped: 'Stoppad',
  },
  en: {
    running: 'Running',
    paused: 'Paused',
    warned: 'Nearly due',
    breached: 'Breached',
    stopped: 'Stopped',
  },
};

export const PAUSE_REASON = table(CLOCK_PAUSE_REASONS, {
  sv: {
    'person-unreachable': 'Personen går inte att nå',
    'in-hospital': 'Personen är på sjukhus',
    'awaiting-interpreter': 'Väntar på tolk',
    other: 'Annat skäl',
  },
  en: {
    'person-unreachable': 'The person cannot be reached',
    'in-hospital': 'The person is in hospital',
    'awaiting-interpreter': 'Waiting for an interpreter',
    other: 'Another reason',
  },
});

/** A hand-off's kind: a hand-over of responsibility moves the owner; a service runs beside the owner. */
export const HANDOFF_KIND: Pair<(typeof HANDOFF_KINDS)[number]> = {
  sv: { responsibility: 'Överlämning av ansvaret', service: 'Insats vid sidan av ärendet' },
  en: { responsibility: 'Hand-over of responsibility', service: 'Service beside the case' },
};

/**
 * A service's status as people say it: a hand-off's words, but that an accepted service has not begun and an expired
 * offer went unanswered.
 */
export const SERVICE_STATUS: Pair<HandoffStatus> = {
  sv: { ...HANDOFF_STATUS.sv, accepted: 'Accepterad, inte påbörjad', expired: 'Utgången utan svar' },
  en: { ...HANDOFF_STATUS.en, accepted: 'Accepted, not begun', expired: 'Expired unanswered' },
};

export const INVESTIGATION_DECISION = table(INVESTIGATION_DECISIONS, {
  sv: { 'investigation-opened': 'Utredning inleds', 'no-investigation': 'Ingen utredning inleds' },
  en: {
    'investigation-opened': 'An investigation is opened',
    'no-investigation': 'No investigation is opened',
  },
});

export const SERVICE_OUTCOME = table(SERVICE_OUTCOMES, {
  sv: {
    completed: 'Genomförd',
    'person-declined': 'Personen tackade nej',
    'person-left': 'Personen lämnade insatsen',
    'no-longer-needed': 'Behövs inte längre',
    'transferred-elsewhere': 'Flyttad till en annan aktör',
    other: 'Annat',
  },
  en: {
    completed: 'Completed',
    'person-declined': 'The person declined',
    'person-left': 'The person left',
    'no-longer-needed': 'No longer needed',
    'transferred-elsewhere': 'Transferred elsewhere',
    other: 'Other',
  },
});

export const PERMIT_KIND = table(PERMIT_KINDS, {
  sv: {
    'reflection-period': 'Betänketid (30 dagar)',
    'criminal-investigation': 'Tillstånd under brottsutredning',
    'exit-plan': 'Tillstånd för exitplan',
  },
  en: {
    'reflection-period': 'Reflection period (30 days)',
    'criminal-investigation': 'Permit during a criminal investigation',
    'exit-plan': 'Exit-plan permit',
  },
});

export const PERMIT_APPLICANT = table(PERMIT_APPLICANTS, {
  sv: {
    'preliminary-investigation-leader': 'Förundersökningsledaren',
    'social-services': 'Socialtjänsten',
  },
  en: {
    'preliminary-investigation-leader': 'The preliminary-investigation leader',
    'social-services': 'Social services',
  },
});

export const PERMIT_STATUS = table(PERMIT_STATUSES, {
  sv: { applied: 'Ansökt', granted: 'Beviljat', refused: 'Avslaget', revoked: 'Återkallat' },
  en: { applied: 'Applied for', granted: 'Granted', refused: 'Refused', revoked: 'Revoked' },
});

export const ORG_TYPE = table(ORGANISATION_TYPES, {
  sv: {
    police: 'Polisen',
    migrationsverket: 'Migrationsverket',
    'social-services': 'Socialtjänsten',
    'health-care': 'Hälso- och sjukvården',
    cso: 'Civilsamhället',
    'coordinator-office': 'Koordinatorer',
    'national-coordinator': 'Nationell samordnare',
    barnahus: 'Barnahus',
    nsp: 'Nationellt stödprogram (NSP)',
    'return-programme': 'Återvändandeprogrammet (ÅMP)',
    arbetsmiljoverket: 'Arbetsmiljöverket',
    skatteverket: 'Skatteverket',
    kriminalvarden: 'Kriminalvården',
    school: 'Skola',
  },
  en: {
    police: 'Police',
    migrationsverket: 'Swedish Migration Agency',
    'social-services': 'Social services',
    'health-care': 'Health care',
    cso: 'Civil society',
    'coordinator-office': 'Coordinators',
    'national-coordinator': 'National coordinator',
    barnahus: 'Barnahus',
    nsp: 'National support programme (NSP)',
    'return-programme': 'Return programme (ÅMP)',
    arbetsmiljoverket: 'Swedish Work Environment Authority',
    skatteverket: 'Swedish Tax Agency',
    kriminalvarden: 'Prison and Probation Service',
    school: 'School',
  },
});

/** A person's age group; a referral's track (adult, child) is called by the same words. */
export const AGE_GROUP: Pair<'child' | 'adult' | 'unknown'> = {
  sv: { child: 'Barn', adult: 'Vuxen', unknown: 'Okänd ålder' },
  en: { child: 'Child', adult: 'Adult', unknown: 'Age unknown' },
};

export const STATISTICS_STEP: Pair<
  'routing' | 'acknowledgement' | 'handoff-accepted' | 'handoff-response' | 'first-owner-social-services'
> = {
  sv: {
    routing: 'Till koordinatorns kö',
    acknowledgement: 'Mottagen av koordinator',
    'handoff-accepted': 'Överlämning accepterad',
    'handoff-response': 'Svar på överlämning',
    'first-owner-social-services': 'Socialtjänsten blir ägare',
  },
  en: {
    routing: 'To the coordinator’s queue',
    acknowledgement: 'Acknowledged by a coordinator',
    'handoff-accepted': 'Hand-off accepted',
    'handoff-response': 'Answer to a hand-off',
    'first-owner-social-services': 'Social services become the owner',
  },
};

export const REGION_NAME: Record<string, string> = REGION_NAMES;

export function queueName(queue: string, lang: Lang): string {
  if (queue === 'national:triage') return lang === 'sv' ? 'Nationell triage' : 'National triage';
  const [region, track] = queue.split(':') as [string, 'adult' | 'child'];
  return `${REGION_NAME[region] ?? region} – ${AGE_GROUP[lang][track] ?? track}`;
}

export function label<T extends string>(pair: Pair<T>, lang: Lang, code: string): string {
  return (pair[lang] as Record<string, string>)[code] ?? code;
}
