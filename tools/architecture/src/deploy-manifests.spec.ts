/**
 * Static checks of the rendered Kubernetes manifests, deploy/<topology>/k8s/ for every
 * topology/*.yaml (the image's own checks: dockerfile.spec.ts). No Docker engine and no
 * cluster run where the tests run, so what would only fail at `docker build`, `kubectl apply` or a
 * pod's start is caught here: every unit has its Deployment and Service, runs its own binary as
 * itself, listens where its Service sends, the topology the pods mount hosts each domain exactly
 * once, and the drain fits the grace period. tools/deploy renders the manifests (and checks they
 * are fresh and schema-valid); these checks read what is committed, as kubectl would.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { addressVariable } from '@foodcourt/platform-wire';
import { parseTopology, resolveUnit, type Topology, type TopologyUnit } from '@foodcourt/platform-topology';
import { shippedEndpoints } from '@foodcourt/platform-host';

const ROOT = resolve(__dirname, '../../..');
const TOPOLOGY_FILES = readdirSync(join(ROOT, 'topology'))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => `topology/${f}`);
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

// --- the parts of Kubernetes objects these checks read ---
type Labels = Record<string, string>;
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface ContainerPort {
  name?: string;
  containerPort: number;
}
interface Probe {
  httpGet?: { path: string; port: number | string };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  ports?: ContainerPort[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Volume {
  name: string;
  configMap?: { name: string };
  persistentVolumeClaim?: { claimName: string };
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  volumes?: Volume[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels };
  /** Where it came from, for failure messages. */
  file: string;
}
interface Deployment extends Manifest {
  kind: 'Deployment';
  spec: { replicas?: number; strategy?: { type: string }; selector: { matchLabels: Labels }; template: { metadata: { labels: Labels }; spec: PodSpec } };
}
interface Service extends Manifest {
  kind: 'Service';
  spec: { type?: string; selector: Labels; ports: { name?: string; port: number; targetPort?: number | string }[] };
}
interface ConfigMap extends Manifest {
  kind: 'ConfigMap';
  data: Record<string, string>;
}

/** The objects `kubectl apply -k <dir>` would apply: the files its kustomization lists, in order. */
function loadKustomization(dir: string): Manifest[] {
  const rel = dir.slice(ROOT.length + 1);
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  const manifests: Manifest[] = [];
  for (const resource of kustomization.resources) {
    const path = join(dir, resource);
    if (existsSync(join(path, 'kustomization.yaml'))) {
      manifests.push(...loadKustomization(path));
      continue;
    }
    for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
      const problem = document.errors[0];
      if (problem) throw new Error(`${rel}/${resource} is not valid YAML: ${problem.message}`);
      const value = document.toJS() as Omit<Manifest, 'file'> | null;
      if (value !== null) manifests.push({ ...value, file: `${rel}/${resource}` });
    }
  }
  return manifests;
}

/** "100m" -> 100, "1" -> 1000, "1.5" -> 1500 (millicores). */
function millicores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}

/** "256Mi" -> 256, "1Gi" -> 1024 (MiB). */
function mebibytes(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`memory quantity "${quantity}" is not in Mi or Gi`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

function envOf(container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) if (variable.value !== undefined) env[variable.name] = variable.value;
  return env;
}

function containerPort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return container.ports?.some((p) => p.containerPort === port) ? port : undefined;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** The app under apps/ a unit runs: the gateway for a unit with no domain, `<domain>-service` for one domain. */
function binaryOf(unit: TopologyUnit): string {
  if (unit.domains.length === 0) return 'gateway';
  if (unit.domains.length === 1 && unit.domains[0] === unit.name) return `${unit.domains[0]}-service`;
  return 'monolith';
}

function portOf(address: string | undefined): number {
  return Number(/:(\d+)$/.exec(address ?? '')?.[1]);
}

// The monolith hosts every domain: what "each domain exactly once" is measured against.
const allDomains = parseTopology('topology/monolith.yaml', readFileSync(join(ROOT, 'topology/monolith.yaml'), 'utf8')).units.flatMap((u) => u.domains);

describe('deploy/k8s', () => {
  it('is the split-tcp deployment, by reference, with no manifests of its own', () => {
    const kustomization = parse(readFileSync(join(ROOT, 'deploy/k8s/kustomization.yaml'), 'utf8')) as { resources: string[] };
    expect(kustomization.resources).toEqual(['../split-tcp/k8s']);
    expect(readdirSync(join(ROOT, 'deploy/k8s')).filter((f) => /\.ya?ml$/.test(f))).toEqual(['kustomization.yaml']);
  });
});

describe.each(TOPOLOGY_FILES)('deployment manifests rendered for %s', (topologyFile) => {
  const repoTopology: Topology = parseTopology(topologyFile, readFileSync(join(ROOT, topologyFile), 'utf8'));
  const dir = `deploy/${repoTopology.name}/k8s`;
  const manifests = loadKustomization(join(ROOT, dir));
  const deployments = manifests.filter((m): m is Deployment => m.kind === 'Deployment');
  const services = manifests.filter((m): m is Service => m.kind === 'Service');
  const configMaps = manifests.filter((m): m is ConfigMap => m.kind === 'ConfigMap');
  const deployment = (name: string) => deployments.find((d) => d.metadata.name === name)!;
  const service = (name: string) => services.find((s) => s.metadata.name === name)!;
  const containerOf = (d: Deployment) => d.spec.template.spec.containers[0]!;
  const units = repoTopology.units;

  /** The ConfigMap volume of a Deployment and the topology file TOPOLOGY points at inside it. */
  function mountedTopology(d: Deployment): { configMap: ConfigMap; key: string } {
    const container = containerOf(d);
    const file = envOf(container)['TOPOLOGY'];
    if (!file) throw new Error(`${d.file}: Deployment ${d.metadata.name} sets no TOPOLOGY`);
    for (const mount of container.volumeMounts ?? []) {
      const volume = d.spec.template.spec.volumes?.find((v) => v.name === mount.name);
      if (!volume?.configMap || !file.startsWith(`${mount.mountPath}/`)) continue;
      const configMap = configMaps.find((c) => c.metadata.name === volume.configMap!.name);
      if (!configMap) throw new Error(`${d.file}: ConfigMap ${volume.configMap.name} is not among the manifests`);
      return { configMap, key: file.slice(mount.mountPath.length + 1) };
    }
    throw new Error(`${d.file}: TOPOLOGY=${file} is not inside a mounted ConfigMap`);
  }

  function topologyOf(d: Deployment): Topology {
    const { configMap, key } = mountedTopology(d);
    const text = configMap.data[key];
    if (text === undefined) throw new Error(`${configMap.file}: ConfigMap ${configMap.metadata.name} has no key ${key}`);
    return parseTopology(`${configMap.file} (${key})`, text);
  }

  it('are well-formed objects, each named once, all in the declared namespace', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const m of manifests) {
      expect({ file: m.file, apiVersion: typeof m.apiVersion, kind: typeof m.kind, name: typeof m.metadata?.name }).toEqual({
        file: m.file,
        apiVersion: 'string',
        kind: 'string',
        name: 'string',
      });
    }
    const keys = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    const namespaces = manifests.filter((m) => m.kind === 'Namespace').map((m) => m.metadata.name);
    expect(namespaces).toHaveLength(1);
    const outside = manifests.filter((m) => m.kind !== 'Namespace' && m.metadata.namespace !== namespaces[0]).map((m) => `${m.file}: ${m.kind}/${m.metadata.name}`);
    expect(outside).toEqual([]);
    // kubectl apply -k applies what the kustomization lists: no manifest lies beside it unlisted.
    const listed = new Set(manifests.map((m) => m.file.slice(dir.length + 1)));
    expect(readdirSync(join(ROOT, dir)).filter((f) => f !== 'kustomization.yaml' && !listed.has(f))).toEqual([]);
  });

  it('have a Deployment and a Service named after every unit', () => {
    const names = units.map((u) => u.name).sort();
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(names);
    expect(names.filter((name) => !service(name))).toEqual([]);
  });

  it('mount, in every pod, one topology: the repository file with each address the Service of its unit', () => {
    const mounted = new Set(deployments.map((d) => { const { configMap, key } = mountedTopology(d); return `${configMap.metadata.name}/${key}`; }));
    expect(mounted.size).toBe(1);
    const topology = topologyOf(deployments[0]!);

    // Same units, domains, HTTP and transport as the file in the repository; only the addresses differ.
    const shape = (t: Topology) => ({ ...t, units: t.units.map(({ address: _address, addresses: _addresses, ...rest }) => rest) });
    expect(JSON.parse(JSON.stringify(shape(topology)))).toEqual(JSON.parse(JSON.stringify(shape(repoTopology))));

    // Each domain hosted exactly once, and the runtime's own validation accepts every unit.
    const hosted = topology.units.flatMap((u) => u.domains);
    expect([...hosted].sort()).toEqual([...allDomains].sort());
    for (const unit of topology.units) {
      expect(() => resolveUnit('configmap', topology, unit.name, { knownDomains: allDomains, hostableDomains: unit.domains })).not.toThrow();
    }

    // Every address is <service>:<port> of that unit's own Service, on the port the repository's file uses.
    for (const unit of topology.units.filter((u) => u.address !== undefined)) {
      const port = portOf(unit.address);
      const repoUnit = units.find((u) => u.name === unit.name)!;
      expect({ unit: unit.name, address: unit.address }).toEqual({ unit: unit.name, address: `${unit.name}:${port}` });
      expect({ unit: unit.name, port }).toEqual({ unit: unit.name, port: portOf(repoUnit.address ?? repoUnit.addresses?.[0]) });
      expect({ unit: unit.name, servicePorts: service(unit.name).spec.ports.map((p) => p.port) }).toEqual({
        unit: unit.name,
        servicePorts: expect.arrayContaining([port]),
      });
    }
  });

  it('run in each Deployment the image of its unit\'s binary, on its default command, as that unit', () => {
    for (const unit of units) {
      const container = containerOf(deployment(unit.name));
      const app = binaryOf(unit);
      // One image per app (docker/Dockerfile, ARG APP), started by the image's own CMD.
      expect({ unit: unit.name, image: container.image, command: container.command, args: container.args }).toEqual({ unit: unit.name, image: `foodcourt-${app}:${VERSION}` });
      const source = `apps/${app}/src/main.ts`;
      expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
      expect({ unit: unit.name, UNIT: envOf(container)['UNIT'] }).toEqual({ unit: unit.name, UNIT: unit.name });
    }
  });

  it('let each unit listen where its Service sends the other units', () => {
    for (const d of deployments) {
      const container = containerOf(d);
      const topology = topologyOf(d);
      const self = topology.units.find((u) => u.name === d.metadata.name)!;
      // What this very pod computes from its topology and environment (unit-endpoints.ts).
      const endpoints = shippedEndpoints(topology, envOf(container));
      for (const [name, endpoint] of endpoints) {
        const target = topology.units.find((u) => u.name === name)!;
        // Not called over TCP: no domain to call, or the only unit (the monolith calls nobody).
        if (endpoint.transport !== 'tcp' || target.domains.length === 0 || target.address === undefined) continue;
        if (name === self.name) {
          // A unit binds its own address: the pod's interfaces, not its Service's cluster IP.
          expect({ unit: name, [addressVariable(name)]: `${endpoint.host}:${endpoint.port}` }).toEqual({ unit: name, [addressVariable(name)]: `0.0.0.0:${portOf(self.address)}` });
          expect({ unit: name, containerPorts: container.ports?.map((p) => p.containerPort) }).toEqual({ unit: name, containerPorts: expect.arrayContaining([endpoint.port]) });
          const targetPort = service(name).spec.ports.find((p) => p.port === endpoint.port)?.targetPort ?? endpoint.port;
          expect({ unit: name, targetPort: containerPort(container, targetPort) }).toEqual({ unit: name, targetPort: endpoint.port });
        } else {
          expect({ from: self.name, to: name, host: endpoint.host }).toEqual({ from: self.name, to: name, host: name });
        }
      }
    }
  });

  it('select with each Service the pods of its Deployment only, on ports the container has', () => {
    for (const s of services) {
      const selected = deployments.filter((other) => Object.entries(s.spec.selector).every(([k, v]) => other.spec.template.metadata.labels[k] === v));
      expect({ service: s.metadata.name, selects: selected.length }).toEqual({ service: s.metadata.name, selects: 1 });
      const d = selected[0]!;
      expect(d.spec.template.metadata.labels).toEqual(expect.objectContaining(d.spec.selector.matchLabels));
      for (const port of s.spec.ports) {
        expect({ service: s.metadata.name, port: port.port, reaches: containerPort(containerOf(d), port.targetPort ?? port.port) !== undefined }).toEqual({
          service: s.metadata.name,
          port: port.port,
          reaches: true,
        });
      }
    }
  });

  it('expose the HTTP API through the HTTP units\' public Services only, and nothing else', () => {
    const httpUnits = units.filter((u) => u.http !== false).map((u) => u.name);
    const exposed = services.filter((s) => s.spec.type !== undefined && s.spec.type !== 'ClusterIP');
    expect(exposed.map((s) => s.metadata.name).sort()).toEqual(httpUnits.map((u) => `${u}-public`).sort());
    for (const s of exposed) {
      const container = containerOf(deployments.find((d) => Object.entries(s.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v))!);
      expect({ service: s.metadata.name, reaches: s.spec.ports.map((p) => containerPort(container, p.targetPort ?? p.port)) }).toEqual({
        service: s.metadata.name,
        reaches: [Number(envOf(container)['PORT'] ?? 3000)],
      });
    }
  });

  it('probe /health/ready for readiness and /health/live for startup and liveness on the port the unit serves', () => {
    for (const d of deployments) {
      const container = containerOf(d);
      const port = Number(envOf(container)['PORT'] ?? 3000);
      const probe = (p: Probe | undefined) => (p?.httpGet ? { path: p.httpGet.path, port: containerPort(container, p.httpGet.port) } : undefined);
      expect({ unit: d.metadata.name, startup: probe(container.startupProbe), readiness: probe(container.readinessProbe), liveness: probe(container.livenessProbe) }).toEqual({
        unit: d.metadata.name,
        startup: { path: '/health/live', port },
        readiness: { path: '/health/ready', port },
        liveness: { path: '/health/live', port },
      });
    }
  });

  it('give every unit time to drain on SIGTERM: a preStop pause, then DRAIN_TIMEOUT_MS, inside the grace period', () => {
    for (const d of deployments) {
      const container = containerOf(d);
      const pauseSeconds = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
      const drainMs = Number(envOf(container)['DRAIN_TIMEOUT_MS'] ?? 10_000);
      const graceSeconds = d.spec.template.spec.terminationGracePeriodSeconds ?? 30;
      expect({ unit: d.metadata.name, pauses: pauseSeconds > 0, fits: pauseSeconds + drainMs / 1_000 < graceSeconds }).toEqual({ unit: d.metadata.name, pauses: true, fits: true });
    }
  });

  it('refer only to ConfigMaps and volume claims that the manifests declare; one volume per domain unit, Recreate with it', () => {
    const declared = new Set(manifests.map((m) => `${m.kind}/${m.metadata.name}`));
    const missing = deployments.flatMap((d) =>
      (d.spec.template.spec.volumes ?? [])
        .map((v) => (v.configMap ? `ConfigMap/${v.configMap.name}` : v.persistentVolumeClaim ? `PersistentVolumeClaim/${v.persistentVolumeClaim.claimName}` : undefined))
        .filter((ref): ref is string => ref !== undefined && !declared.has(ref))
        .map((ref) => `${d.metadata.name} -> ${ref}`),
    );
    expect(missing).toEqual([]);
    for (const unit of units.filter((u) => u.domains.length > 0)) {
      const d = deployment(unit.name);
      const claims = (d.spec.template.spec.volumes ?? []).filter((v) => v.persistentVolumeClaim);
      // One SQLite writer per volume: the old pod lets go of it before the new one starts.
      expect({ unit: unit.name, claims: claims.length, replicas: d.spec.replicas, strategy: d.spec.strategy?.type }).toEqual({ unit: unit.name, claims: 1, replicas: 1, strategy: 'Recreate' });
    }
  });

  it('take credentials from Secrets only', () => {
    for (const d of deployments) {
      const env = containerOf(d).env ?? [];
      const inlined = env.filter((e) => /URL$|PASSWORD|EMAIL|SECRET|TOKEN/.test(e.name) && e.value !== undefined).map((e) => e.name);
      expect({ unit: d.metadata.name, inlined }).toEqual({ unit: d.metadata.name, inlined: [] });
    }
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
  });

  it('request resources that let every unit fit one 2-core machine, and run as non-root', () => {
    let cpu = 0;
    let memory = 0;
    for (const d of deployments) {
      const container = containerOf(d);
      const requests = container.resources?.requests ?? {};
      expect({ unit: d.metadata.name, cpu: typeof requests['cpu'], memory: typeof requests['memory'], memoryLimit: typeof container.resources?.limits?.['memory'] }).toEqual({
        unit: d.metadata.name,
        cpu: 'string',
        memory: 'string',
        memoryLimit: 'string',
      });
      cpu += millicores(requests['cpu']!) * (d.spec.replicas ?? 1);
      memory += mebibytes(requests['memory']!) * (d.spec.replicas ?? 1);
      expect({ unit: d.metadata.name, runAsNonRoot: d.spec.template.spec.securityContext?.runAsNonRoot }).toEqual({ unit: d.metadata.name, runAsNonRoot: true });
    }
    // Leave a quarter of the cores to the node itself (kubelet, runtime, DNS).
    expect(cpu).toBeLessThanOrEqual(1500);
    expect(memory).toBeLessThanOrEqual(3 * 1024);
  });
});
