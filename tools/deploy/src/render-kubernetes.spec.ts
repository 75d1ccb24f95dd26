import { resolve } from 'node:path';
import { checkedTopology, kubernetesManifests, planDeployment, renderDeployment, workspaceVersion } from './index';
import { TopologyError } from '@foodcourt/platform-topology';

const ROOT = resolve(__dirname, '../../..');
const VERSION = workspaceVersion(ROOT);

// Rendered objects are read at depth here; their shape is checked by render-validates.spec.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = { kind: string; metadata: { name: string }; spec?: Record<string, any>; data?: Record<string, string> };
function objectsOf(text: string, db: 'sqlite' | 'postgres' = 'sqlite'): Obj[] {
  const plan = planDeployment(checkedTopology('t.yaml', text), VERSION, db);
  return kubernetesManifests(plan).flatMap((m) => m.objects) as unknown as Obj[];
}
const find = (objects: Obj[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const containerOf = (d: Obj) => d.spec!['template'].spec.containers[0];

const SCALED = `name: scaled
transport: nats
units:
  - { name: gateway, domains: [], http: true, replicas: 2 }
  - { name: identity, domains: [identity], http: false }
  - { name: rest, domains: [catalog, search, orders, notifications, payments], http: false, replicas: 2 }
`;

describe('renderKubernetes', () => {
  it('autoscales only the units that declare replicas, never below what they declare', () => {
    const objects = objectsOf(SCALED, 'postgres');
    const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => [h.metadata.name, h.spec!['minReplicas'], h.spec!['scaleTargetRef'].name])).toEqual([
      ['gateway', 2, 'gateway'],
      ['rest', 2, 'rest'],
    ]);
    expect(find(objects, 'Deployment', 'rest').spec!['strategy']).toBeUndefined();
    expect(find(objects, 'Deployment', 'identity').spec!['strategy']).toEqual({ type: 'Recreate' });
  });

  it('reads credentials and broker URLs from Secrets, never inlines them', () => {
    const objects = objectsOf(SCALED, 'postgres');
    const env = containerOf(find(objects, 'Deployment', 'identity')).env as { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string } } }[];
    const fromSecret = (name: string) => env.find((e) => e.name === name)?.valueFrom?.secretKeyRef.name;
    expect([fromSecret('DATABASE_URL'), fromSecret('NATS_URL'), fromSecret('IDENTITY_ADMIN_EMAIL'), fromSecret('IDENTITY_ADMIN_PASSWORD')]).toEqual([
      'foodcourt-database',
      'foodcourt-brokers',
      'foodcourt-admin',
      'foodcourt-admin',
    ]);
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    expect(JSON.stringify(objects)).not.toMatch(/:\/\/[^/\s"]*:[^@\s"]*@/); // no user:password@ anywhere
    // No volume on PostgreSQL.
    expect(objects.filter((o) => o.kind === 'PersistentVolumeClaim')).toEqual([]);
  });

  it('lets only the HTTP unit be reached from outside, and units reach units only on their rpc ports', () => {
    const objects = objectsOf('name: t\ntransport: tcp\nunits:\n  - { name: gateway, domains: [], http: true }\n  - { name: rest, domains: [identity, catalog, search, orders, notifications, payments], http: false, address: rest:4100 }\n');
    const policy = (name: string) => find(objects, 'NetworkPolicy', name).spec!;
    expect(find(objects, 'NetworkPolicy', 'default-deny').spec!['policyTypes']).toEqual(['Ingress', 'Egress']);
    expect(policy('gateway')['ingress']).toEqual([{ ports: [{ protocol: 'TCP', port: 'http' }] }]);
    expect(policy('rest')['ingress']).toEqual([{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'foodcourt' } } }], ports: [{ protocol: 'TCP', port: 'rpc' }] }]);
    expect(policy('gateway')['egress']).toContainEqual({ to: [{ podSelector: { matchLabels: expect.objectContaining({ 'app.kubernetes.io/component': 'rest' }) } }], ports: [{ protocol: 'TCP', port: 4100 }] });
    expect(find(objects, 'Service', 'gateway-public').spec!['type']).toBe('LoadBalancer');
    expect(objects.filter((o) => o.kind === 'Service' && o.spec!['type'] !== 'ClusterIP').map((o) => o.metadata.name)).toEqual(['gateway-public']);
  });

  it('runs one image per app, foodcourt-<app>:<version>, on its default command', () => {
    const objects = objectsOf(SCALED, 'postgres');
    const images = objects.filter((o) => o.kind === 'Deployment').map((d) => [d.metadata.name, containerOf(d).image, containerOf(d).command]);
    expect(images).toEqual([
      ['gateway', `foodcourt-gateway:${VERSION}`, undefined],
      ['identity', `foodcourt-identity-service:${VERSION}`, undefined],
      ['rest', `foodcourt-monolith:${VERSION}`, undefined],
    ]);
  });

  it('renders nothing for a topology that does not validate, naming the problem', () => {
    const render = (text: string, db: 'sqlite' | 'postgres' = 'sqlite') => () => renderDeployment({ text, source: 'topology/x.yaml', out: 'deploy/x', version: VERSION, db });
    expect(render('name: x\nunits: nope\n')).toThrow(TopologyError);
    expect(render('name: x\nunits:\n  - { name: a, domains: [identity] }\n')).toThrow(/no unit hosts/);
    expect(render(SCALED)).toThrow(/replicas: 2, which SQLite cannot serve: render with --db postgres/);
  });
});
