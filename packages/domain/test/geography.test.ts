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

  // Each of our records is its reference file's row, read by the columns named here.
  it.runIf(hasReference).each([
    {
      file: 'municipalities.csv',
      ours: MUNICIPALITIES,
      columns: {
        code: 'municipality_code',
        name: 'municipality_name',
        shortName: 'municipality_name_short',
        countyCode: 'county_code',
      },
    },
    {
      file: 'counties.csv',
      ours: COUNTIES,
      columns: {
        code: 'county_code',
        name: 'county_name',
        shortName: 'county_name_short',
        region: 'police_region',
      },
    },
  ])('equals shared/reference/$file', ({ file, ours, columns }) => {
    const rows = csv(file).map((r) =>
      Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, r[column]])),
    );
    expect(ours).toEqual(rows);
  });
});
