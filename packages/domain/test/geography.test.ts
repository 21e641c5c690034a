// The project's copy of the geography equals the reference files wherever they can be seen (a fresh clone has none).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COUNTIES, MUNICIPALITIES, REGIONS, regionOfMunicipality } from '../src';

const reference = fileURLToPath(new URL('../../../../shared/reference/', import.meta.url));
const hasReference = existsSync(`${reference}municipalities.csv`);

function csv(file: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(`${reference}${file}`, 'utf8').trim().split(/\r?\n/);
  const names = header!.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i], v])));
}

describe('geography', () => {
  it('has 290 municipalities in 21 counties in 7 police regions', () => {
    expect(MUNICIPALITIES).toHaveLength(290);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(290);
    expect(COUNTIES).toHaveLength(21);
    expect(new Set(COUNTIES.map((c) => c.region))).toEqual(new Set(REGIONS));
    for (const m of MUNICIPALITIES) expect(regionOfMunicipality(m.code), m.code).toBeDefined();
  });

  it.runIf(hasReference)('equals shared/reference/municipalities.csv', () => {
    const rows = csv('municipalities.csv').map((r) => ({
      code: r.municipality_code,
      name: r.municipality_name,
      shortName: r.municipality_name_short,
      countyCode: r.county_code,
    }));
    expect(MUNICIPALITIES).toEqual(rows);
  });

  it.runIf(hasReference)('equals shared/reference/counties.csv', () => {
    const rows = csv('counties.csv').map((r) => ({
      code: r.county_code,
      name: r.county_name,
      shortName: r.county_name_short,
      region: r.police_region,
    }));
    expect(COUNTIES).toEqual(rows);
  });
});
