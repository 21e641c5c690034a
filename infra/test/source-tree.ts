// The source files the rule suites scan (imports.test.ts, definitions.test.ts): TypeScript under a folder of the
// repository, without node_modules or build output, and their code with the comments taken out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../lib/paths';

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'cdk.out') return [];
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The source folders of the platform's code: every package's src, the functions and infra's library. */
export function platformSources(): string[] {
  const packages = readdirSync(join(REPO_ROOT, 'packages')).map((p) => join(REPO_ROOT, 'packages', p, 'src'));
  return [...packages, join(REPO_ROOT, 'functions', 'src'), join(REPO_ROOT, 'infra', 'lib')].flatMap((dir) =>
    statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? filesUnder(dir) : [],
  );
}

export const fromRoot = (file: string) => relative(REPO_ROOT, file);

export const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

/**
 * A file's code without its comments (block comments, and line comments that begin a line or follow whitespace, so
 * `https://` in a string stays), line by line: what a rule about literals in code reads.
 */
export function codeLines(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  return text.split('\n').map((line) => line.replace(/(^|\s)\/\/.*$/, '$1'));
}
