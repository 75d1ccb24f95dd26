/**
 * Builds the ArchitectureModel of this workspace: the contracts' declarations, the project graph,
 * the layer table of module-rules.ts and the headings of docs/. The one place that touches the
 * workspace; the renderer only sees the model.
 */
import { join } from 'node:path';
import type { ArchitectureModel, LibraryModel } from './architecture-model';
import { ALLOWED_TARGET_TYPES, PROJECT_TYPES } from './module-rules';
import { CONTRACT_EXPORTS, readContracts } from './read-contracts';
import { readDecisionLinks, readRuleLinks } from './read-doc-links';
import { readPortCalls } from './read-port-calls';
import { readProjectGraph, tagValue, type WorkspaceProject } from './read-project-graph';

/** tools/architecture/src -> the workspace root. */
export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');
export const ARCHITECTURE_DOC = join(WORKSPACE_ROOT, 'docs', 'architecture.md');

/** Layers below the domains: what the platform diagram shows. */
const LIBRARY_LAYERS: readonly string[] = ['kernel', 'wire', 'transport', 'platform', 'host', 'registry'];

function libraries(projects: WorkspaceProject[]): LibraryModel[] {
  return projects
    .map((p) => ({ name: p.name, layer: tagValue(p, 'type') ?? '' }))
    .filter((library) => LIBRARY_LAYERS.includes(library.layer));
}

export async function readArchitecture(workspaceRoot = WORKSPACE_ROOT): Promise<ArchitectureModel> {
  const projects = await readProjectGraph();
  const contracts = readContracts();
  const portCalls = readPortCalls(
    workspaceRoot,
    projects,
    contracts.map((c) => ({ domain: c.domain, exports: CONTRACT_EXPORTS[c.domain] ?? {}, port: c.port })),
  );
  const shown = libraries(projects);
  const shownNames = new Set(shown.map((l) => l.name));
  const docsDir = join(workspaceRoot, 'docs');

  return {
    domains: contracts.map((c) => ({
      name: c.domain,
      portMethods: c.portMethods,
      publishes: c.publishes,
      consumes: c.consumes,
      callsPortsOf: portCalls.get(c.domain) ?? [],
    })),
    libraries: shown,
    libraryDependencies: projects
      .filter((p) => shownNames.has(p.name))
      .flatMap((p) => p.dependsOn.filter((target) => shownNames.has(target)).map((target): [string, string] => [p.name, target])),
    layerRules: PROJECT_TYPES.map((layer) => ({
      layer,
      projects: projects.filter((p) => tagValue(p, 'type') === layer).map((p) => p.name),
      mayDependOn: [...ALLOWED_TARGET_TYPES[layer]],
    })),
    rules: readRuleLinks(docsDir),
    decisions: readDecisionLinks(docsDir),
  };
}
