// /docs: the OpenAPI document rendered as a readable page, server-side, with no scripts or CDN assets.
import type { FC } from 'hono/jsx';

interface Operation {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, { description?: string }>;
}

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const refName = (ref?: string) => ref?.split('/').pop();

const Endpoint: FC<{ method: string; path: string; op: Operation }> = ({ method, path, op }) => {
  const body = op.requestBody?.content?.['application/json']?.schema?.$ref;
  return (
    <section class="endpoint">
      <h3>
        <code>{method.toUpperCase()}</code> <code>{path}</code>
      </h3>
      {op.summary && (
        <p>
          <strong>{op.summary}</strong>
        </p>
      )}
      {op.description && <p>{op.description}</p>}
      <p>{op.security?.length ? 'Needs a bearer token.' : 'No authentication.'}</p>
      {op.parameters?.length ? (
        <ul>
          {op.parameters.map((p) => (
            <li>
              <code>{p.name}</code> ({p.in}
              {p.required ? ', required' : ''}){p.description ? ` — ${p.description}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {body && (
        <p>
          Body: <a href={`#schema-${refName(body)}`}>{refName(body)}</a>
        </p>
      )}
      <p>
        Responses:{' '}
        {Object.entries(op.responses ?? {})
          .map(([status, r]) => `${status} ${r.description ?? ''}`)
          .join(' · ')}
      </p>
    </section>
  );
};

export function docsPage(doc: OpenApiDocument) {
  const paths = Object.entries(doc.paths ?? {});
  return (
    '<!doctype html>' +
    (
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{doc.info.title}</title>
          <style>{`body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
code,pre{font-family:ui-monospace,monospace}pre{background:#f3f3f3;padding:1rem;overflow:auto}
.endpoint{border-top:1px solid #ccc;padding-top:.5rem}h3 code:first-child{background:#0b4f8a;color:#fff;padding:0 .4rem}`}</style>
        </head>
        <body>
          <main>
            <h1>{doc.info.title}</h1>
            <p>
              Version {doc.info.version}. {doc.info.description} The machine-readable contract is{' '}
              <a href="/openapi.json">/openapi.json</a>.
            </p>
            <h2>Endpoints</h2>
            {paths.flatMap(([path, ops]) =>
              Object.entries(ops).map(([method, op]) => <Endpoint method={method} path={path} op={op} />),
            )}
            <h2>Schemas</h2>
            {Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => (
              <section id={`schema-${name}`}>
                <h3>{name}</h3>
                <pre>{JSON.stringify(schema, null, 2)}</pre>
              </section>
            ))}
          </main>
        </body>
      </html>
    )
  );
}
