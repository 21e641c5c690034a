// One definition of every key and table (issue 19): key prefixes are spelled only in the store's key models
// (packages/store/src/keys.ts), physical table names are made only from the table definitions (tables.ts), and the
// IAM leading-key conditions infra grants are those models' patterns.
import { describe, expect, it } from 'vitest';
import { FUNCTION_ACCESS } from '../lib/access';
import { auditKeys, KEY_MODELS, type KeyKind, keys, statisticsKeys, TABLES } from '../lib/catalogue';
import { codeLines, fromRoot, platformSources } from './source-tree';

const KEYS_FILE = 'packages/store/src/keys.ts';
/**
 * Literals this branch could not move yet, each with its reason; the list only shrinks. The local stream poller is
 * being reworked by another change (issue 19's platform part): its relay filter is to read `keys.event.is`.
 */
const TABLES_FILE = 'packages/store/src/tables.ts';

/** `LABEL#` inside code: the beginning of a composed key (a private `#field` or `'#name'` has no capital before it). */
const PREFIX_LITERAL = /(?<![\w$.-])[A-Z][A-Z0-9_]*#/g;

const MODELS = KEY_MODELS;

const kindsOf = (model: object): [string, KeyKind<never>][] =>
  Object.entries(model).filter(
    (e): e is [string, KeyKind<never>] => typeof e[1] === 'function' && 'prefix' in e[1],
  );

describe('one definition of every key and table', () => {
  const files = platformSources();

  it('scans the platform source tree', () => {
    const scanned = files.map(fromRoot);
    expect(scanned.length).toBeGreaterThan(200);
    for (const root of ['packages/store/src/', 'packages/web/src/', 'functions/src/', 'infra/lib/'])
      expect(
        scanned.some((f) => f.startsWith(root)),
        root,
      ).toBe(true);
  });

  it('spells key prefixes only in the key models', () => {
    const outside = files
      .filter((file) => fromRoot(file) !== KEYS_FILE)
      .flatMap((file) =>
        codeLines(file).flatMap((line, i) =>
          [...line.matchAll(PREFIX_LITERAL)].map((m) => `${fromRoot(file)}:${i + 1}: ${m[0]}`),
        ),
      );
    expect(outside).toEqual([]);
  });

  it('finds a prefix literal where one is written (the rule can fail)', () => {
    const sample = [
      "const pk = 'DRAFT#' + owner;",
      "x.startsWith('EVENT#')",
      'this.#changes',
      "'#a0'",
      "names['#m']",
    ];
    expect(sample.map((s) => (s.match(PREFIX_LITERAL) ?? []).join())).toEqual([
      'DRAFT#',
      'EVENT#',
      '',
      '',
      '',
    ]);
  });

  it('makes physical table names only from the table definitions', () => {
    const names = TABLES.map((t) => t.name).join('|');
    // A name glued to a prefix, concatenated, or given where a table is named.
    const physical = new RegExp(
      `\\}(${names})\`|\\+\\s*'(${names})'|\\b(TableName|tableName|table)\\s*:\\s*'(${names})'`,
    );
    const outside = files
      .filter((file) => fromRoot(file) !== TABLES_FILE)
      .flatMap((file) =>
        codeLines(file).flatMap((line, i) => (physical.test(line) ? [`${fromRoot(file)}:${i + 1}`] : [])),
      );
    expect(outside).toEqual([]);
  });

  it('gives each kind of key in a table its own prefix, none the beginning of another', () => {
    expect(Object.keys(MODELS).sort()).toEqual(TABLES.map((t) => t.name).sort());
    for (const [table, model] of Object.entries(MODELS)) {
      const prefixes = kindsOf(model).map(([, kind]) => kind.prefix);
      expect(new Set(prefixes).size, table).toBe(prefixes.length);
      const overlapping = prefixes.filter((a) => prefixes.some((b) => a !== b && b.startsWith(a)));
      expect(overlapping, table).toEqual([]);
    }
  });

  it("grants IAM leading keys that are patterns of the table's own key kinds", () => {
    for (const [fn, access] of Object.entries(FUNCTION_ACCESS)) {
      for (const grants of [access.putsItems, access.deletesItems]) {
        for (const [table, patterns] of Object.entries(grants ?? {})) {
          const declared = kindsOf(MODELS[table as keyof typeof MODELS]).map(([, kind]) => kind.leadingKeys);
          for (const pattern of patterns)
            expect(declared, `${fn} on ${table}: ${pattern}`).toContain(pattern);
        }
      }
    }
  });
});

describe('key kinds', () => {
  it('compose their attributes after the label, pad numbers, and take keys apart', () => {
    expect(keys.draft('owner-1', 'draft-2')).toBe('DRAFT#owner-1#draft-2');
    expect(keys.draft.leadingKeys).toBe('DRAFT#*');
    expect(keys.event(42)).toBe('EVENT#00000042');
    expect(auditKeys.entry(7)).toBe('ENTRY#0000000007');
    expect(keys.dueShard(3)).toBe('DUE#3');
    expect(auditKeys.trail.rest(auditKeys.trail('referral:abc'))).toBe('referral:abc');
    expect(keys.event.is(keys.event(1))).toBe(true);
    expect(keys.event.is(keys.timer('c1'))).toBe(false);
    expect(statisticsKeys.cells('P', statisticsKeys.year('2026'))).toBe('CELL#P#Y#2026');
  });
});
