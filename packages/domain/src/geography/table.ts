// The geography's tables are written one row a line, fields separated by ';', and read once when their module is
// loaded: the same facts as object literals were 23 KiB of every function that routes (issue 16), as text 6 KiB.

/** The rows of a table, each made into a value by `row` from its fields. */
export function readTable<T>(table: string, row: (fields: readonly string[]) => T): readonly T[] {
  return table
    .trim()
    .split('\n')
    .map((line) => row(line.split(';')));
}

/**
 * SCB's full name from the short name: with the genitive s where the name takes it (`Stockholms län`,
 * `Vallentuna kommun`). The tables mark those rows with `s`, as SCB's names are not a rule of grammar (`Kalixs`).
 */
export function fullName(shortName: string, genitive: string, noun: 'kommun' | 'län'): string {
  return `${shortName}${genitive} ${noun}`;
}
