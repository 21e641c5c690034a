// The demo year's plan: drawn from its seed (the same year every load) with the 2022 mix of domain.md §1.
import { describe, expect, it } from 'vitest';
import { picker, seededRandom } from '../src/demo/mix';
import { planDemoYear } from '../src/demo/plan';

const OPTIONS = { until: new Date('2026-11-30T09:00:00Z'), count: 300, days: 365, seed: 2022 };

describe('the demo year', () => {
  it('is the same year for the same seed, another for another', () => {
    expect(planDemoYear(OPTIONS)).toEqual(planDemoYear(OPTIONS));
    expect(planDemoYear({ ...OPTIONS, seed: 7 })).not.toEqual(planDemoYear(OPTIONS));
  });

  it('has the 2022 mix: about half sexual exploitation, Romania the first citizenship, three in four adults', () => {
    const plan = planDemoYear(OPTIONS);
    expect(plan).toHaveLength(300);
    const bodies = plan.map(
      (p) => p.body as { person: { citizenships: string[] }; exploitation: { purposes: string[] } },
    );
    const share = (test: (b: (typeof bodies)[number]) => boolean) =>
      bodies.filter(test).length / bodies.length;
    expect(share((b) => b.exploitation.purposes[0] === 'sexual')).toBeGreaterThan(0.35);
    expect(share((b) => b.exploitation.purposes[0] === 'sexual')).toBeLessThan(0.6);
    const counts = new Map<string, number>();
    for (const b of bodies)
      counts.set(b.person.citizenships[0]!, (counts.get(b.person.citizenships[0]!) ?? 0) + 1);
    expect([...counts].sort((a, b) => b[1] - a[1])[0]![0]).toBe('RO');
    const adults = plan.filter((p) => {
      const age = (p.body as { person: { age: { dateOfBirth?: string; estimatedYears?: number } } }).person
        .age;
      const years =
        age.estimatedYears ?? (age.dateOfBirth ? 2026 - Number(age.dateOfBirth.slice(0, 4)) : undefined);
      return years !== undefined && years >= 19;
    });
    expect(adults.length / plan.length).toBeGreaterThan(0.6);
    expect(adults.length / plan.length).toBeLessThan(0.85);
    expect(plan.map((p) => p.at)).toEqual(plan.map((p) => p.at).sort((a, b) => a - b));
  });

  it('draws by weight: a value of weight 0 never, one of the only weight always', () => {
    const pick = picker(seededRandom(1));
    for (let i = 0; i < 1000; i++)
      expect(
        pick([
          ['never', 0],
          ['always', 5],
        ] as const),
      ).toBe('always');
  });
});
