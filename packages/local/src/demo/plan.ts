// The demo year's plan: who refers whom and when, and how each case is meant to go, drawn from a seed so every load
// makes the same year. The mix is the 2022 one of domain.md §1 (about 73 % adults, 15 % children, 12 % age unknown;
// half sexual exploitation; Romania, Ukraine, Thailand, Bulgaria, Nigeria first), with two police operations that
// bring bursts and some people referred twice. How fast people answer is said as a share of the clock they answer
// against (0.4 = 40 % of the time allowed), so the working-day calendar decides what "late" is, not the plan.

import { AGE_GROUPS, CITIZENSHIPS, GENDERS, PURPOSES, picker, seededRandom } from './mix';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoPlanOptions {
  /** The moment the year ends: nothing planned after it happens; what is left waits in the queues. */
  readonly until: Date;
  readonly count: number;
  readonly days: number;
  readonly seed: number;
}

/** How a step goes, as a share of its clock: most well in time, some after the warning, a few breached. */
export type Pace = number;

export type AdultPath =
  | { readonly kind: 'handoff'; readonly first: 'nsp' | 'social-services'; readonly firstDeclines: boolean }
  | {
      readonly kind: 'closed-without-handoff';
      readonly reason: 'no-indicators' | 'person-declined-support' | 'unreachable' | 'person-left-sweden';
    };

export interface PlannedReferral {
  readonly at: number;
  readonly referrer: string;
  readonly municipality: string;
  readonly body: Record<string, unknown>;
  /** Referred before by another agency: the coordinator closes it as a duplicate. */
  readonly repeat: boolean;
  readonly acknowledge: Pace;
  /** An answer to a hand-off (accept or decline) and social services' decision after a report of concern. */
  readonly answer: Pace;
  readonly decision: Pace;
  /** The coordinator's pace for an adult's case without a hand-off (against the owner-gap clock). */
  readonly closeWithoutHandoff: Pace;
  /** Hours from acknowledgement to offering the adult's hand-off. */
  readonly offerAfterHours: number;
  /** Days from the last answer to closing the case: support is established, the case is handed over for good. */
  readonly closeAfterDays: number;
  readonly adult: AdultPath;
  readonly childBarnahus: boolean;
  readonly childDecision: 'investigation-opened' | 'no-investigation';
  readonly childClose: 'support-established' | 'person-left-sweden' | 'unreachable';
  /** Days from a service's acceptance to its start (the person moves into the shelter). */
  readonly serviceStartAfterDays: number;
  /** An adult whose reflection-period permit social services apply for, and Migrationsverket grants. */
  readonly reflectionPermit: boolean;
}

/** Municipalities where people are found, weighted; one or more in each of the seven police regions. */
const MUNICIPALITIES = [
  ['0180', 26],
  ['0184', 3],
  ['1480', 15],
  ['1490', 3],
  ['1280', 14],
  ['1281', 3],
  ['1283', 4],
  ['0380', 6],
  ['0580', 6],
  ['0680', 4],
  ['1880', 6],
  ['2281', 3],
  ['2480', 4],
] as const;
/** Stockholm, Göteborg, Malmö, Uppsala, Linköping, Örebro, Umeå: the seven police regions. */
const ONE_PER_REGION = ['0180', '1480', '1280', '0380', '0580', '1880', '2480'] as const;
const REFERRERS = [
  ['police-syd-system', 30],
  ['migrationsverket-system', 25],
  ['socialtjanst-malmo-handlaggare', 15],
  ['cso-stodgruppen', 30],
] as const;
/** A valid personal identity number (Luhn) for a date of birth: yyyymmdd + 3 digits + check digit. */
function identityNumber(dateOfBirth: string, serial: number): string {
  const nine = `${dateOfBirth.slice(2).replaceAll('-', '')}${String(serial % 1000).padStart(3, '0')}`;
  const sum = [...nine].reduce((s, d, i) => {
    const v = Number(d) * (i % 2 === 0 ? 2 : 1);
    return s + (v > 9 ? v - 9 : v);
  }, 0);
  return `${dateOfBirth.slice(0, 4)}${nine.slice(2)}${(10 - (sum % 10)) % 10}`;
}

/** Referrals arrive in office hours mostly (Stockholm is UTC+1/+2), some in the evening and at night. */
function arrival(rnd: () => number, start: number, span: number): number {
  const day = start + Math.floor(rnd() * (span / DAY)) * DAY;
  const midnight = day - (day % DAY);
  const hour = rnd() < 0.8 ? 6 + rnd() * 9 : rnd() * 24;
  return midnight + Math.floor(hour * HOUR);
}

export function planDemoYear(options: DemoPlanOptions): PlannedReferral[] {
  const rnd = seededRandom(options.seed);
  // Services and permits draw from a stream of their own, so adding them left every other draw of the year as it was.
  const services = seededRandom(options.seed ^ 0x5bd1e995);
  const pick = picker(rnd);
  const until = options.until.getTime();
  const start = until - options.days * DAY;
  const span = options.days * DAY;
  // Police operations: a day of many referrals each, in the spring and in the autumn.
  const operations = [0.3, 0.72].map((f) => start + Math.floor(f * span));
  const pace = (): Pace => {
    const r = rnd();
    if (r < 0.9) return 0.04 + rnd() * 0.55;
    if (r < 0.975) return 0.76 + rnd() * 0.22;
    return 1.05 + rnd() * 0.8;
  };
  const people: Record<string, unknown>[] = [];
  const referrals: PlannedReferral[] = [];
  // The last two days' referrals, one region after another, so every region's queues have something at every
  // stage today: waiting for acknowledgement, offered, accepted.
  const recentFrom = options.count - Math.round(options.count * 0.05);
  for (let i = 0; i < options.count; i++) {
    const recent = i >= recentFrom;
    const burst = !recent && rnd() < 0.12;
    const drawn = recent
      ? until - 20 * 60_000 - Math.floor(rnd() * 2 * DAY)
      : burst
        ? operations[Math.floor(rnd() * operations.length)]! + Math.floor(rnd() * 9 * HOUR)
        : arrival(rnd, start, span);
    // The last day's referrals arrived before now.
    const at = drawn > until - HOUR && !recent ? drawn - DAY : drawn;
    const group = pick(AGE_GROUPS);
    const municipality = recent
      ? ONE_PER_REGION[i % ONE_PER_REGION.length]!
      : burst
        ? pick([
            ['1280', 3],
            ['1283', 1],
            ['1281', 1],
          ] as const)
        : pick(MUNICIPALITIES);
    const repeat = people.length > 0 && rnd() < 0.06;
    const year = new Date(at).getUTCFullYear();
    const born = group === 'child' ? year - 13 - Math.floor(rnd() * 4) : year - 20 - Math.floor(rnd() * 35);
    const dateOfBirth = `${born}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const person = repeat
      ? people[Math.floor(rnd() * people.length)]!
      : {
          age:
            group === 'unknown'
              ? { unknown: true, mayBeMinor: rnd() < 0.5 }
              : rnd() < 0.6
                ? { dateOfBirth }
                : { estimatedYears: year - born, mayBeMinor: group === 'child' },
          gender: pick(GENDERS),
          citizenships: [pick(CITIZENSHIPS)],
          ...(group !== 'unknown' && rnd() < 0.5 ? { identityNumber: identityNumber(dateOfBirth, i) } : {}),
        };
    if (!repeat) people.push(person);
    const consented = rnd() < 0.9;
    const adult: AdultPath =
      consented && rnd() < 0.8
        ? { kind: 'handoff', first: rnd() < 0.6 ? 'nsp' : 'social-services', firstDeclines: rnd() < 0.08 }
        : {
            kind: 'closed-without-handoff',
            reason: consented
              ? pick([
                  ['no-indicators', 4],
                  ['person-left-sweden', 3],
                  ['unreachable', 3],
                ] as const)
              : pick([
                  ['person-declined-support', 6],
                  ['unreachable', 2],
                  ['no-indicators', 2],
                ] as const),
          };
    // The person agreed, at intake, to what the coordinator will arrange (both, in case the first says no).
    const sharing =
      adult.kind === 'handoff'
        ? [
            { recipientType: 'nsp', purpose: 'nsp-shelter' },
            { recipientType: 'social-services', purpose: 'social-services-investigation' },
          ]
        : [];
    referrals.push({
      at,
      referrer: burst ? 'police-syd-system' : pick(REFERRERS),
      municipality,
      repeat,
      body: {
        person,
        location: { municipalityCode: municipality },
        exploitation: { purposes: [pick(PURPOSES)] },
        needs: { acuteProtection: rnd() < 0.15 },
        consent: consented
          ? { status: 'given', ...(sharing.length ? { sharing } : {}) }
          : { status: 'not-given' },
        accompanyingChildren: [],
      },
      acknowledge: pace(),
      answer: pace(),
      decision: pace(),
      closeWithoutHandoff: pace(),
      offerAfterHours: 0.3 + rnd() * 5,
      closeAfterDays: 10 + rnd() * 60,
      adult,
      childBarnahus: rnd() < 0.3,
      childDecision: rnd() < 0.7 ? 'investigation-opened' : 'no-investigation',
      childClose: pick([
        ['support-established', 8],
        ['person-left-sweden', 1],
        ['unreachable', 1],
      ] as const),
      serviceStartAfterDays: 0.5 + services() * 3,
      reflectionPermit: services() < 0.25,
    });
  }
  return referrals.sort((a, b) => a.at - b.at);
}
