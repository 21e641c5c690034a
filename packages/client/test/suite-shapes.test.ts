// The suites read the API's shapes from the generated types (tests/support/http.ts types every answer by its path),
// so a renamed or undeclared field fails the typecheck. This guards that nobody writes a copy by hand again: no type
// argument on the suites' API client calls, and no object type declared in a suite whose fields are all fields of
// one object of the OpenAPI document (a hand-written response shape). A test's own record that happens to share
// field names says so in a comment before its statement: `// not an API answer: …`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH } from '../src/generate';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SUITES = ['tests/integration', 'tests/e2e', 'tests/fault', 'tests/isolated', 'tests/support'];
const CLIENT_METHODS = new Set(['get', 'post', 'request']);

/** Every object of the document that has properties, as the set of its property names. */
function documentShapes(): Set<string>[] {
  const shapes: Set<string>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const properties = (node as { properties?: unknown }).properties;
      if (properties && typeof properties === 'object' && !Array.isArray(properties))
        shapes.push(new Set(Object.keys(properties)));
      Object.values(node).forEach(walk);
    }
  };
  walk(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')));
  return shapes;
}

const propertyName = (name: ts.PropertyName | undefined) =>
  name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;

function memberNames(members: ts.NodeArray<ts.TypeElement>): string[] {
  return members.flatMap((m) => {
    const name = ts.isPropertySignature(m) ? propertyName(m.name) : undefined;
    return name ? [name] : [];
  });
}

/** What a file declares that copies the document: `line: reason` for each finding. */
export function handWrittenShapes(
  fileName: string,
  text: string,
  shapes: Set<string>[],
  { parameterTypes = true } = {},
): string[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const declaredOwn = (node: ts.Node) => {
    let statement: ts.Node = node;
    while (!ts.isStatement(statement) && !ts.isSourceFile(statement.parent)) statement = statement.parent;
    const comments = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
    return comments.some((c) => text.slice(c.pos, c.end).includes('not an API answer'));
  };
  const checkShape = (node: ts.Node, members: ts.NodeArray<ts.TypeElement>, what: string) => {
    const names = memberNames(members);
    if (names.length < 2 || declaredOwn(node)) return;
    const copied = shapes.find((shape) => names.every((n) => shape.has(n)));
    if (copied) found.push(`${at(node)}: ${what} {${names.join(', ')}} copies an object of the API document`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node)) checkShape(node, node.members, `interface ${node.name.text}`);
    else if (ts.isTypeLiteralNode(node) && (parameterTypes || !ts.isParameter(node.parent)))
      checkShape(node, node.members, 'type');
    if (
      ts.isCallExpression(node) &&
      node.typeArguments?.length &&
      ts.isPropertyAccessExpression(node.expression) &&
      CLIENT_METHODS.has(node.expression.name.text)
    )
      found.push(`${at(node)}: type argument on .${node.expression.name.text}(): the path types the answer`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function suiteFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? suiteFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(root, dir, entry.name)]
        : [],
  );
}

describe('the suites use the typed client’s types', () => {
  const shapes = documentShapes();

  it('finds a hand-written response shape and a type argument when there is one', () => {
    const sample = [
      'interface Listing { items: { id: string }[]; nextCursor: string | null }',
      "const res = await api.get<{ status: string; reference: string }>('/v1/referrals/x');",
      "const ok = await api.get('/v1/referrals/x');",
      'interface Answer { status: number; ms: number; retryAfter: string | null }',
      '// not an API answer: a row of a table the test builds',
      'interface Row { id: string; queue: string }',
    ].join('\n');
    expect(handWrittenShapes('sample.ts', sample, shapes)).toEqual([
      '1: interface Listing {items, nextCursor} copies an object of the API document',
      '2: type argument on .get(): the path types the answer',
      '2: type {status, reference} copies an object of the API document',
    ]);
  });

  it('lets the web name the fields a helper reads, and still finds a copied interface there', () => {
    const sample = [
      'const label = (hit: { id: string; reference: string }) => hit.reference;',
      'interface Hit { id: string; reference: string; queue: string | null }',
    ].join('\n');
    expect(handWrittenShapes('sample.tsx', sample, shapes, { parameterTypes: false })).toEqual([
      '2: interface Hit {id, reference, queue} copies an object of the API document',
    ]);
  });

  it('no suite declares a response shape or passes one to the API client', () => {
    const found = SUITES.flatMap(suiteFiles).flatMap((file) =>
      handWrittenShapes(file, readFileSync(file, 'utf8'), shapes).map(
        (finding) => `${relative(root, file)}:${finding}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('the web declares no copy of a response shape (it types each answer with the document’s schemas)', () => {
    const found = suiteFiles('packages/web/src').flatMap((file) =>
      // A helper's parameter may name the few fields it reads (`(scope: { recipientType; purpose })`): it takes any
      // object that has them, the API's included. The web passes the document's schema as the type argument of its
      // in-process API client.
      handWrittenShapes(file, readFileSync(file, 'utf8'), shapes, { parameterTypes: false })
        .filter((finding) => !finding.includes('type argument'))
        .map((finding) => `${relative(root, file)}:${finding}`),
    );
    expect(found).toEqual([]);
  });
});
