/**
 * Every rendered object against the schemas its consumer applies: the Kubernetes API's (through
 * kubernetes-models) and the Compose Specification's. No cluster or Docker engine runs here.
 */
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { renderDeployment, renderShipped, workspaceVersion, type RenderedDeployment } from './index';
import { composeProblems, kubernetesProblems } from './testing';

const ROOT = resolve(__dirname, '../../..');

function manifestObjects(d: RenderedDeployment): { file: string; object: { apiVersion: string; kind: string } }[] {
  return d.files
    .filter((f) => f.path.startsWith('k8s/') && f.path !== 'k8s/kustomization.yaml')
    .flatMap((f) => parseAllDocuments(f.content).map((doc) => ({ file: `${d.out}/${f.path}`, object: doc.toJS() as { apiVersion: string; kind: string } })));
}

const composeOf = (d: RenderedDeployment) => parse(d.files.find((f) => f.path === 'docker-compose.yml')!.content) as Record<string, unknown>;

// A topology with replicas on PostgreSQL and brokers of both kinds: the paths the shipped ones do not take.
const EXTRA = `name: scaled
transport: nats
units:
  - { name: gateway, domains: [], http: true, replicas: 2 }
  - { name: identity, domains: [identity], http: false, transport: tcp, address: identity:4101, replicas: 2 }
  - { name: rest, domains: [catalog, search, orders, notifications], http: false, transport: rabbitmq }
  - { name: payments, domains: [payments], http: false, replicas: 3 }
`;

describe('rendered deployments validate against their schemas', () => {
  const shipped = renderShipped(ROOT);
  const postgres = renderDeployment({ text: EXTRA, source: 'topology/scaled.yaml', out: 'deploy/scaled', version: workspaceVersion(ROOT), db: 'postgres' });
  const all: RenderedDeployment[] = [...shipped, { source: 'topology/scaled.yaml', out: 'deploy/scaled', files: postgres }];

  it('renders all five shipped topologies', () => {
    expect(shipped.map((d) => d.out)).toEqual(['deploy/monolith', 'deploy/payments-extracted', 'deploy/split-nats', 'deploy/split-rabbitmq', 'deploy/split-tcp']);
  });

  it('every Kubernetes object passes the API schema of its kind', () => {
    const objects = all.flatMap(manifestObjects);
    const problems = kubernetesProblems(objects.map((o) => o.object));
    expect(objects.map((o, i) => problems[i] && `${o.file}: ${problems[i]}`).filter(Boolean)).toEqual([]);
    expect(new Set(objects.map((o) => o.object.kind))).toEqual(
      new Set(['Namespace', 'ConfigMap', 'PersistentVolumeClaim', 'Service', 'Deployment', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'NetworkPolicy']),
    );
  });

  it('catches a broken field: the validator is not a no-op', () => {
    const deployment = manifestObjects(shipped[0]!).find((o) => o.object.kind === 'Deployment')!.object as unknown as {
      spec: { template: { spec: { containers: { ports: { containerPort: unknown }[] }[] } } };
    };
    const broken = structuredClone(deployment);
    broken.spec.template.spec.containers[0]!.ports[0]!.containerPort = 'three thousand';
    const [ok, bad] = kubernetesProblems([deployment, broken]);
    expect(ok).toBeNull();
    expect(bad).toMatch(/containerPort/);
    expect(composeProblems({ services: { x: { image: 42 } } })).toEqual([expect.stringContaining('/services/x/image')]);
  });

  it('every compose file passes the Compose Specification schema', () => {
    for (const d of all) expect({ file: `${d.out}/docker-compose.yml`, problems: composeProblems(composeOf(d)) }).toEqual({ file: `${d.out}/docker-compose.yml`, problems: [] });
  });
});
