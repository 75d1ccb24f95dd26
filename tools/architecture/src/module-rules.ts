/**
 * Module rules of the workspace, checked on a project graph (docs/architecture-rules.md, rule 2).
 *
 * Every project carries one `scope:*` tag (a domain, or platform / app / tooling) and one `type:*`
 * tag. The rules mirror the `@nx/enforce-module-boundaries` constraints of eslint.config.mjs, but run
 * on the project graph, so they also see dependencies that lint cannot (cycles through several
 * projects, dependencies declared outside import statements) and every domain, present or future:
 *
 *   type:kernel    -> nothing (how ports, events, errors and DTOs are declared)
 *   type:wire      -> kernel (what travels between units, whatever carries it)
 *   type:transport -> kernel and wire (one transport; never another transport)
 *   type:platform  -> kernel, wire and platform
 *   type:host      -> kernel, wire, platform and transports (the only place transports meet)
 *   type:contract  -> kernel and contracts (any domain): the lightest thing in the house
 *   type:registry  -> kernel, contracts, platform and host (every domain's port, for binaries)
 *   type:core      -> kernel, contracts (any domain), platform, and cores of its OWN domain
 *   type:http      -> kernel, contracts and platform (the port, never a core)
 *   type:e2e       -> kernel, contracts, platform and host (a black-box suite)
 *   type:tooling   -> tooling and everything but cores, http libs, apps and e2e suites
 *   type:app       -> anything but apps and e2e suites
 *   scope:<domain> -> its own domain, platform, and other domains' contracts only
 *   scope:platform -> platform only
 *   nobody         -> an app or an e2e project
 *
 * This file is pure (no Nx import): `fromNxGraph` adapts Nx's ProjectGraph to the small shape below.
 */

export interface ArchProject {
  name: string;
  tags: string[];
}

/** The part of a project graph the rules need. Dependencies on unknown nodes (`npm:*`) are ignored. */
export interface ArchGraph {
  nodes: Record<string, ArchProject>;
  dependencies: Record<string, { target: string }[]>;
}

/** Structural subset of Nx's ProjectGraph (nodes[name].data.tags), so this file needs no Nx import. */
export interface NxGraphLike {
  nodes: Record<string, { name: string; data: { tags?: string[] } }>;
  dependencies: Record<string, { target: string; type?: string }[]>;
}

export const PROJECT_TYPES = ['kernel', 'wire', 'transport', 'platform', 'host', 'contract', 'registry', 'core', 'http', 'app', 'e2e', 'tooling'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

/** Scopes that are not business domains. Any other `scope:*` value is a domain. */
export const NON_DOMAIN_SCOPES = ['platform', 'registry', 'app', 'tooling'] as const;

/** What each type may depend on (by the target's type); `core` is further limited to its own domain. */
export const ALLOWED_TARGET_TYPES: Record<ProjectType, readonly ProjectType[]> = {
  kernel: [],
  wire: ['kernel'],
  transport: ['kernel', 'wire'],
  platform: ['kernel', 'wire', 'platform'],
  host: ['kernel', 'wire', 'platform', 'transport'],
  contract: ['kernel', 'contract'],
  registry: ['kernel', 'contract', 'platform', 'host'],
  core: ['kernel', 'contract', 'platform', 'core'],
  http: ['kernel', 'contract', 'platform'],
  e2e: ['kernel', 'contract', 'platform', 'host'],
  tooling: ['tooling', 'kernel', 'wire', 'transport', 'platform', 'host', 'contract', 'registry'],
  app: ['kernel', 'wire', 'transport', 'platform', 'host', 'contract', 'registry', 'core', 'http', 'tooling'],
};

interface Classified {
  name: string;
  tags: string[];
  scope?: string;
  type?: ProjectType;
}

export function fromNxGraph(graph: NxGraphLike): ArchGraph {
  const nodes: ArchGraph['nodes'] = {};
  for (const [key, node] of Object.entries(graph.nodes)) {
    nodes[key] = { name: node.name, tags: [...(node.data.tags ?? [])] };
  }
  const dependencies: ArchGraph['dependencies'] = {};
  for (const [source, deps] of Object.entries(graph.dependencies)) {
    dependencies[source] = deps.filter((d) => !startsAsProcess(graph, source, d)).map((d) => ({ target: d.target }));
  }
  return { nodes, dependencies };
}

/**
 * An e2e run (apps/e2e/runs/<topology>) declares the apps it starts as child processes, and the suite
 * whose specs it runs (apps/e2e), as implicit dependencies, so that `nx affected` runs it when a
 * library of those apps or a spec changes. It imports none of their code: such an edge is not a code
 * dependency and the rules leave it out.
 */
function startsAsProcess(graph: NxGraphLike, source: string, dependency: { target: string; type?: string }): boolean {
  const typeOf = (name: string) => graph.nodes[name]?.data.tags?.find((t) => t.startsWith('type:'));
  return dependency.type === 'implicit' && typeOf(source) === 'type:e2e' && ['type:app', 'type:e2e'].includes(typeOf(dependency.target) ?? '');
}

export function isDomainScope(scope: string | undefined): scope is string {
  return scope !== undefined && !(NON_DOMAIN_SCOPES as readonly string[]).includes(scope);
}

function tagValues(tags: string[], prefix: 'scope' | 'type'): string[] {
  return tags.filter((t) => t.startsWith(`${prefix}:`)).map((t) => t.slice(prefix.length + 1));
}

function classify(node: ArchProject): Classified {
  const scopes = tagValues(node.tags, 'scope');
  const types = tagValues(node.tags, 'type');
  const type = types.length === 1 && (PROJECT_TYPES as readonly string[]).includes(types[0]) ? (types[0] as ProjectType) : undefined;
  return { name: node.name, tags: node.tags, scope: scopes.length === 1 ? scopes[0] : undefined, type };
}

function label(p: Classified): string {
  return `${p.name} [${p.tags.join(', ') || 'no tags'}]`;
}

/** Problems with a project's own tags (not with its dependencies). */
function tagProblems(node: ArchProject): string[] {
  const scopes = tagValues(node.tags, 'scope');
  const types = tagValues(node.tags, 'type');
  const problems: string[] = [];
  if (scopes.length !== 1) {
    problems.push(`tags: ${node.name} must have exactly one scope:* tag, has ${scopes.length} (${node.tags.join(', ') || 'no tags'})`);
  }
  if (types.length !== 1) {
    problems.push(`tags: ${node.name} must have exactly one type:* tag, has ${types.length} (${node.tags.join(', ') || 'no tags'})`);
  } else if (!(PROJECT_TYPES as readonly string[]).includes(types[0])) {
    problems.push(`tags: ${node.name} has an unknown type "type:${types[0]}" (known: ${PROJECT_TYPES.map((t) => `type:${t}`).join(', ')})`);
  }
  return problems;
}

/** Why the edge source -> target is forbidden, or [] when it is allowed. */
function forbiddenReasons(source: Classified, target: Classified): string[] {
  if (target.type === 'app') return ['no project may depend on an application'];
  if (target.type === 'e2e') return ['no project may depend on an e2e suite'];
  if (source.type === undefined || source.scope === undefined) {
    return ['a project without exactly one known type:* and one scope:* tag may not depend on workspace projects'];
  }
  if (target.type === undefined || target.scope === undefined) {
    return ['the target has no valid type:*/scope:* tags, so no rule allows depending on it'];
  }

  const reasons: string[] = [];
  const sameDomain = source.scope === target.scope;

  // type dimension, with the most telling message for the common mistakes first
  if (!ALLOWED_TARGET_TYPES[source.type].includes(target.type)) {
    if (source.type === 'http' && target.type === 'core') {
      reasons.push('an http lib depends on its domain\'s port (the contract), never on a core, so a gateway can serve it without hosting the core');
    } else if (source.type === 'core' && target.type === 'http') {
      reasons.push('a core may not depend on an http lib');
    } else if (target.type === 'core') {
      reasons.push(`only an app (the process that hosts a domain) may depend on a core; a ${source.type} may not`);
    } else if (source.type === 'kernel') {
      reasons.push(`the kernel depends on no workspace project, not on a ${target.type}`);
    } else if (source.type === 'transport' && target.type === 'transport') {
      reasons.push('a transport may not depend on another transport: shared wire code belongs in platform-wire');
    } else if (target.type === 'transport') {
      reasons.push(`only platform-host (and binaries) may depend on a transport; a ${source.type} may not`);
    } else if (source.type === 'contract') {
      reasons.push(`a contract may depend only on the kernel and other contracts, not on a ${target.type}: it is the lightest thing in the house`);
    } else {
      reasons.push(`a ${source.type} may depend only on ${ALLOWED_TARGET_TYPES[source.type].join(', ')} projects, not on a ${target.type}`);
    }
  } else if (source.type === 'core' && target.type === 'core' && !sameDomain) {
    reasons.push(`a core may not depend on another domain's core (use the ${target.scope} contract's port instead)`);
  }

  // scope dimension
  if (source.scope === 'platform' && target.scope !== 'platform') {
    reasons.push(`the platform may not depend on a domain or an app (scope:${target.scope})`);
  } else if (isDomainScope(source.scope) && !sameDomain && target.scope !== 'platform' && target.type !== 'contract') {
    const already = reasons.some((r) => r.includes("another domain's core"));
    if (!already) reasons.push(`the ${source.scope} domain may use another domain (${target.scope}) only through its contract, not its ${target.type}`);
  }
  return reasons;
}

/** Strongly connected components with more than one project (Tarjan), each as a sorted list of names. */
function cyclicComponents(names: string[], edges: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];

  const visit = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };

  for (const name of names) if (!indexOf.has(name)) visit(name);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** A shortest cycle through `start` that stays inside `component` (BFS), e.g. [a, b, a]. */
function exampleCycle(start: string, component: string[], edges: Map<string, string[]>): string[] {
  const inside = new Set(component);
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component, start];
}

/** Project-to-project edges (no external nodes, no self edges), deduplicated and sorted. */
function projectEdges(graph: ArchGraph): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const source of Object.keys(graph.nodes).sort()) {
    const targets = new Set<string>();
    for (const dep of graph.dependencies[source] ?? []) {
      if (dep.target !== source && graph.nodes[dep.target] !== undefined) targets.add(dep.target);
    }
    edges.set(source, [...targets].sort());
  }
  return edges;
}

/**
 * Every violation of the module rules in `graph`, as human-readable lines (empty when the graph is
 * legal): `tags: …` for badly tagged projects, `forbidden: a -> b: why` for illegal edges,
 * `cycle: a -> b -> a` for dependency cycles. External nodes (`npm:*`) are ignored.
 */
export function findViolations(graph: ArchGraph): string[] {
  const names = Object.keys(graph.nodes).sort();
  const classified = new Map(names.map((n) => [n, classify(graph.nodes[n])]));
  const edges = projectEdges(graph);
  const violations: string[] = [];

  for (const name of names) violations.push(...tagProblems(graph.nodes[name]));

  for (const [source, targets] of edges) {
    for (const target of targets) {
      const s = classified.get(source)!;
      const t = classified.get(target)!;
      const reasons = forbiddenReasons(s, t);
      if (reasons.length > 0) violations.push(`forbidden: ${label(s)} -> ${label(t)}: ${reasons.join('; ')}`);
    }
  }

  for (const component of cyclicComponents(names, edges)) {
    const cycle = exampleCycle(component[0], component, edges);
    const others = component.length > cycle.length - 1 ? ` (the cycle group also holds: ${component.filter((c) => !cycle.includes(c)).join(', ')})` : '';
    violations.push(`cycle: ${cycle.join(' -> ')}${others}`);
  }
  return violations;
}

/**
 * A Mermaid flowchart of dependencies between domains: a domain's contract, core and http collapse
 * into one node; edges are labelled with the kinds of project depended on (e.g. `contract`).
 * Platform, apps and tooling are left out unless `includePlatform` is set (platform only).
 */
export function renderMermaid(graph: ArchGraph, options: { includePlatform?: boolean } = {}): string {
  const groupOf = (name: string): string | undefined => {
    const { scope } = classify(graph.nodes[name]);
    if (isDomainScope(scope)) return scope;
    if (options.includePlatform && scope === 'platform') return 'platform';
    return undefined;
  };
  const id = (group: string): string => group.replace(/[^A-Za-z0-9_]/g, '_');

  const groups = new Set<string>();
  const links = new Map<string, Set<string>>();
  for (const [source, targets] of projectEdges(graph)) {
    const from = groupOf(source);
    if (from !== undefined) groups.add(from);
    for (const target of targets) {
      const to = groupOf(target);
      if (to !== undefined) groups.add(to);
      if (from === undefined || to === undefined || from === to) continue;
      const key = `${from}\u0000${to}`;
      if (!links.has(key)) links.set(key, new Set());
      links.get(key)!.add(classify(graph.nodes[target]).type ?? 'untyped');
    }
  }

  const lines = ['flowchart LR'];
  for (const group of [...groups].sort()) lines.push(`  ${id(group)}["${group}"]`);
  for (const key of [...links.keys()].sort()) {
    const [from, to] = key.split('\u0000');
    lines.push(`  ${id(from)} -->|${[...links.get(key)!].sort().join(', ')}| ${id(to)}`);
  }
  return `${lines.join('\n')}\n`;
}
