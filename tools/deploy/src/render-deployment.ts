import { DOMAIN_PORTS, KNOWN_DOMAINS } from '@foodcourt/contract-registry';
import { parseTopology, resolveUnit, TopologyError, type Topology } from '@foodcourt/platform-topology';
import { appOf, planDeployment, type DatabaseKind } from './deploy-plan';
import { renderCompose } from './render-compose';
import { renderKubernetes } from './render-kubernetes';
import { renderCommand, type RenderedFile } from './rendered-file';

export interface RenderRequest {
  /** The topology file's text and its path relative to the workspace root (named in headers and errors). */
  text: string;
  source: string;
  /** The output folder relative to the workspace root, e.g. deploy/split-tcp. */
  out: string;
  /** The workspace's package.json version: the images' tag. */
  version: string;
  db?: DatabaseKind;
}

/** What each app can host: the gateway nothing, `<domain>-service` its domain, the monolith all. */
function hostable(app: string): readonly string[] {
  if (app === 'gateway') return [];
  if (app === 'monolith') return KNOWN_DOMAINS;
  return [app.replace(/-service$/, '')];
}

/** Parses and checks a topology the way every unit will at start, so a broken one renders nothing. */
export function checkedTopology(source: string, text: string): Topology {
  const topology = parseTopology(source, text);
  for (const unit of topology.units) {
    resolveUnit(source, topology, unit.name, { knownDomains: KNOWN_DOMAINS, hostableDomains: hostable(appOf(unit)), ports: DOMAIN_PORTS });
  }
  return topology;
}

/** Every file of deploy/<topology>/ (Kubernetes and compose), in memory. Throws TopologyError. */
export function renderDeployment({ text, source, out, version, db = 'sqlite' }: RenderRequest): RenderedFile[] {
  const topology = checkedTopology(source, text);
  for (const unit of topology.units) {
    // Replicas share their unit's databases, which only PostgreSQL allows (one SQLite writer).
    if ((unit.replicas ?? 1) > 1 && unit.domains.length > 0 && db === 'sqlite') {
      throw new TopologyError(`topology file ${source}: unit "${unit.name}" has replicas: ${unit.replicas}, which SQLite cannot serve: render with --db postgres`);
    }
  }
  const plan = planDeployment(topology, version, db);
  const command = renderCommand(source, out, db);
  return [...renderKubernetes(plan, source, command), ...renderCompose(plan, source, command)];
}
