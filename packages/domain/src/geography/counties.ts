// The project's own copy of SCB's county codes and the police region each belongs to (Brå, 2015 reorganisation).
// tests/ proves it equals shared/reference/counties.csv wherever that folder exists.
import { REGIONS, type Region } from '../vocabulary';
import { fullName, readTable } from './table';

export interface County {
  readonly code: string;
  readonly name: string;
  readonly shortName: string;
  readonly region: Region;
}

// code;short name;s where the full name takes the genitive s;police region
const TABLE = `
01;Stockholm;s;stockholm
03;Uppsala;;mitt
04;Södermanland;s;ost
05;Östergötland;s;ost
06;Jönköping;s;ost
07;Kronoberg;s;syd
08;Kalmar;;syd
09;Gotland;s;stockholm
10;Blekinge;;syd
12;Skåne;;syd
13;Halland;s;vast
14;Västra Götaland;s;vast
17;Värmland;s;bergslagen
18;Örebro;;bergslagen
19;Västmanland;s;mitt
20;Dalarna;s;bergslagen
21;Gävleborg;s;mitt
22;Västernorrland;s;nord
23;Jämtland;s;nord
24;Västerbotten;s;nord
25;Norrbotten;s;nord
`;

function region(name: string | undefined): Region {
  const found = REGIONS.find((r) => r === name);
  if (!found) throw new Error(`Unknown police region in the county table: ${name}`);
  return found;
}

export const COUNTIES: readonly County[] = /* @__PURE__ */ readTable(
  TABLE,
  ([code = '', shortName = '', genitive = '', police]) => ({
    code,
    name: fullName(shortName, genitive, 'län'),
    shortName,
    region: region(police),
  }),
);
