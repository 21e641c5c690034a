// The project's own copy of SCB's county codes and the police region each belongs to (Brå, 2015 reorganisation).
// tests/ proves it equals shared/reference/counties.csv wherever that folder exists.
import type { Region } from '../vocabulary';

export interface County {
  readonly code: string;
  readonly name: string;
  readonly shortName: string;
  readonly region: Region;
}

export const COUNTIES: readonly County[] = [
  { code: '01', name: 'Stockholms län', shortName: 'Stockholm', region: 'stockholm' },
  { code: '03', name: 'Uppsala län', shortName: 'Uppsala', region: 'mitt' },
  { code: '04', name: 'Södermanlands län', shortName: 'Södermanland', region: 'ost' },
  { code: '05', name: 'Östergötlands län', shortName: 'Östergötland', region: 'ost' },
  { code: '06', name: 'Jönköpings län', shortName: 'Jönköping', region: 'ost' },
  { code: '07', name: 'Kronobergs län', shortName: 'Kronoberg', region: 'syd' },
  { code: '08', name: 'Kalmar län', shortName: 'Kalmar', region: 'syd' },
  { code: '09', name: 'Gotlands län', shortName: 'Gotland', region: 'stockholm' },
  { code: '10', name: 'Blekinge län', shortName: 'Blekinge', region: 'syd' },
  { code: '12', name: 'Skåne län', shortName: 'Skåne', region: 'syd' },
  { code: '13', name: 'Hallands län', shortName: 'Halland', region: 'vast' },
  { code: '14', name: 'Västra Götalands län', shortName: 'Västra Götaland', region: 'vast' },
  { code: '17', name: 'Värmlands län', shortName: 'Värmland', region: 'bergslagen' },
  { code: '18', name: 'Örebro län', shortName: 'Örebro', region: 'bergslagen' },
  { code: '19', name: 'Västmanlands län', shortName: 'Västmanland', region: 'mitt' },
  { code: '20', name: 'Dalarnas län', shortName: 'Dalarna', region: 'bergslagen' },
  { code: '21', name: 'Gävleborgs län', shortName: 'Gävleborg', region: 'mitt' },
  { code: '22', name: 'Västernorrlands län', shortName: 'Västernorrland', region: 'nord' },
  { code: '23', name: 'Jämtlands län', shortName: 'Jämtland', region: 'nord' },
  { code: '24', name: 'Västerbottens län', shortName: 'Västerbotten', region: 'nord' },
  { code: '25', name: 'Norrbottens län', shortName: 'Norrbotten', region: 'nord' },
];
