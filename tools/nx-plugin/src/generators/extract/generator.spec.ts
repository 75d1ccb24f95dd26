import { resolve } from 'node:path';
import { FsTree } from 'nx/src/generators/tree';
import { parse, parseAllDocuments } from 'yaml';
import { checkedTopology } from '@foodcourt/deploy';
import { composeProblems, kubernetesProblems } from '@foodcourt/deploy/testing';
import extractGenerator from './generator';

const ROOT = resolve(__dirname, '../../../../..');

/** The real workspace, read through a Tree that is never flushed: nothing lands on disk. */
const workspace = () => new FsTree(ROOT, false);
const changed = (tree: FsTree) => tree.listChanges().map((c) => c.path).sort();

describe('nx g @foodcourt/nx-plugin:extract', () => {
  it('moves payments out of the monolith into its own unit over TCP and renders its deployment', async () => {
    const tree = workspace();
    await extractGenerator(tree, { domain: 'payments', from: 'topology/monolith.yaml', to: 'topology/my-payments.yaml' });

    const text = tree.read('topology/my-payments.yaml', 'utf8')!;
    const topology = checkedTopology('topology/my-payments.yaml', text);
    expect(JSON.parse(JSON.stringify(topology))).toEqual({
      name: 'my-payments',
      transport: 'tcp',
      units: [
        { name: 'monolith', domains: ['identity', 'catalog', 'search', 'orders', 'notifications'], address: '127.0.0.1:4100' },
        { name: 'payments', domains: ['payments'], http: false, address: '127.0.0.1:4101' },
      ],
    });
    const files = changed(tree);
    expect(files).toEqual(expect.arrayContaining(['topology/my-payments.yaml', 'deploy/my-payments/docker-compose.yml', 'deploy/my-payments/k8s/kustomization.yaml', 'deploy/my-payments/k8s/20-payments.yaml']));
    expect(files.every((f) => f === 'topology/my-payments.yaml' || f.startsWith('deploy/my-payments/'))).toBe(true);

    // The rendered output is what the renderer's own specs accept: schema-valid Kubernetes and Compose.
    const objects = files
      .filter((f) => /\/k8s\/(?!kustomization)[^/]+\.yaml$/.test(f))
      .flatMap((f) => parseAllDocuments(tree.read(f, 'utf8')!).map((d) => d.toJS() as unknown));
    expect(kubernetesProblems(objects).filter(Boolean)).toEqual([]);
    expect(composeProblems(parse(tree.read('deploy/my-payments/docker-compose.yml', 'utf8')!))).toEqual([]);
    const deployed = tree.read('deploy/my-payments/k8s/10-topology.yaml', 'utf8')!;
    expect(deployed).toContain('address: payments:4101');
  });

  it('sets the transport asked for: over nats no unit needs an address, and compose gets a nats service', async () => {
    const tree = workspace();
    await extractGenerator(tree, { domain: 'orders', from: 'topology/payments-extracted.yaml', to: 'topology/orders-nats.yaml', transport: 'nats' });
    const topology = checkedTopology('t', tree.read('topology/orders-nats.yaml', 'utf8')!);
    expect(topology.transport).toBe('nats');
    expect(topology.units.map((u) => [u.name, u.domains])).toEqual([
      ['monolith', ['identity', 'catalog', 'search', 'notifications']],
      ['orders', ['orders']],
      ['payments', ['payments']],
    ]);
    expect(Object.keys((parse(tree.read('deploy/orders-nats/docker-compose.yml', 'utf8')!) as { services: object }).services)).toContain('nats');
  });

  it.each([
    [{ domain: 'billing', from: 'topology/monolith.yaml', to: 'topology/x.yaml' }, /^unknown domain "billing" \(known: /],
    [{ domain: 'payments', from: 'topology/split-tcp.yaml', to: 'topology/x.yaml' }, /^domain "payments" already has a unit of its own in topology\/split-tcp.yaml/],
    [{ domain: 'payments', from: 'topology/nope.yaml', to: 'topology/x.yaml' }, /^topology file topology\/nope.yaml does not exist$/],
    [{ domain: 'payments', from: 'package.json', to: 'topology/x.yaml' }, /^topology file package.json is invalid: /],
    [{ domain: 'payments', from: 'topology/monolith.yaml', to: 'topology/split-tcp.yaml' }, /^topology\/split-tcp.yaml already exists/],
    [{ domain: 'payments', from: 'topology/monolith.yaml', to: 'topology/x.yaml', transport: 'carrier-pigeon' }, /^--transport must be one of tcp, nats, rabbitmq/],
  ])('%j: one line, nothing written', async (options, message) => {
    const tree = workspace();
    const error = await extractGenerator(tree, options).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
    expect(changed(tree)).toEqual([]);
  });

  it('refuses a domain that is not in --from', async () => {
    const tree = workspace();
    tree.write('topology/partial.yaml', 'name: partial\nunits:\n  - { name: a, domains: [identity] }\n');
    const error = await extractGenerator(tree, { domain: 'payments', from: 'topology/partial.yaml', to: 'topology/x.yaml' }).then(() => undefined, (e: Error) => e);
    // A topology hosting only some domains does not validate: every domain needs a host.
    expect(error?.message).toMatch(/^topology file topology\/partial.yaml: no unit hosts /);
    expect(changed(tree)).toEqual(['topology/partial.yaml']);
  });
});
