// Shared by the infra suites: synthesize the app once per file with cdk.json's feature flags, run the nag packs,
// and read what the templates say.
import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { environmentFromContext } from '../lib/config';
import { NrmChecks } from '../lib/nag/nrm-checks';
import { buildNrmApp, type NrmAppOptions, type NrmStacks } from '../lib/nrm-app';

/** The context `cdk synth` runs with: the same feature flags, so the tests see the templates that deploy. */
export const CDK_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
).context;

/** Synth is the slow part (2 cores): a minute leaves room for a busy machine. */
export const SYNTH_TIMEOUT_MS = 120_000;

export interface Synthesized {
  readonly app: App;
  readonly stacks: NrmStacks;
  readonly templates: { readonly data: Template; readonly edge: Template; readonly app: Template };
  /** Unacknowledged cdk-nag findings, computed with the synth (both belong in the suite's beforeAll). */
  readonly findings: Finding[];
}

export interface SynthOptions extends NrmAppOptions {
  readonly context?: Record<string, unknown>;
  /** Run esbuild for every function (slow); otherwise assets are staged without bundling. */
  readonly bundle?: boolean;
  readonly outdir?: string;
}

export function synthesize(options: SynthOptions = {}): Synthesized {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: {
      ...CDK_CONTEXT,
      ...options.context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stacks = buildNrmApp(app, environmentFromContext(app.node), options);
  const templates = {
    data: Template.fromStack(stacks.data),
    edge: Template.fromStack(stacks.edge),
    app: Template.fromStack(stacks.app),
  };
  return { app, stacks, templates, findings: nagFindings(app) };
}

export interface Finding {
  readonly rule: string;
  readonly resource: string;
}

/** Every unacknowledged finding of the AWS Solutions, Serverless and NRM packs. */
export function nagFindings(scope: IConstruct): Finding[] {
  const packs = [new AwsSolutionsChecks(), new ServerlessChecks(), new NrmChecks()];
  return packs.flatMap((pack) =>
    pack
      .validateScope(scope)
      .violations.flatMap((v) =>
        v.violatingResources.map((r) => ({ rule: v.ruleName, resource: r.constructPath ?? '' })),
      ),
  );
}

export interface Acknowledgement {
  readonly path: string;
  readonly rule: string;
  readonly reason: string;
}

/** Every acknowledged rule in the tree, with where and why. */
export function acknowledgements(scope: IConstruct): Acknowledgement[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([rule, reason]) => ({
          path: construct.node.path,
          rule: rule.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: unknown }>;

/** Logical ids a resource refers to (Ref, Fn::GetAtt, DependsOn), so a CloudFormation dependency cycle shows. */
function references(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) references(v, into);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string') into.add(v);
      else if (key === 'Fn::GetAtt' && Array.isArray(v) && typeof v[0] === 'string') into.add(v[0]);
      else if (key === 'Fn::Sub' && typeof v === 'string') {
        for (const m of v.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) if (m[1]) into.add(m[1]);
      } else references(v, into);
    }
  }
  return into;
}

/** A cycle of logical ids if the template has one; CloudFormation refuses such a template at deploy time. */
export function dependencyCycle(template: Template): string[] | undefined {
  const resources = template.toJSON().Resources as Resources;
  const edges = new Map<string, string[]>();
  for (const [id, resource] of Object.entries(resources)) {
    const refs = references(resource.Properties, new Set());
    const dependsOn = Array.isArray(resource.DependsOn)
      ? resource.DependsOn
      : typeof resource.DependsOn === 'string'
        ? [resource.DependsOn]
        : [];
    for (const d of dependsOn) refs.add(d as string);
    edges.set(
      id,
      [...refs].filter((r) => r in resources),
    );
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Resources of a type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(template.findResources(type)).map(([id, r]) => [
      id,
      (r as { Properties: Record<string, unknown> }).Properties,
    ]),
  );
}
