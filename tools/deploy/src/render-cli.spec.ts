import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runRender } from './run-render';

const ROOT = resolve(__dirname, '../../..');

/** A workspace of its own: package.json and topology/, nothing else. */
function sandbox(): string {
  const root = mkdtempSync(join(tmpdir(), 'deploy-render-'));
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  cpSync(join(ROOT, 'topology'), join(root, 'topology'), { recursive: true });
  return root;
}

function run(root: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runRender(root, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('npm run deploy:render', () => {
  let root: string;
  beforeEach(() => (root = sandbox()));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes one topology where --out says, with a progress line', () => {
    const { code, out } = run(root, '--topology', 'topology/split-tcp.yaml', '--out', 'deploy/here');
    expect(code).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^rendered topology\/split-tcp\.yaml -> deploy\/here\/ \(\d+ files\)$/)]);
    expect(existsSync(join(root, 'deploy/here/k8s/kustomization.yaml'))).toBe(true);
    expect(existsSync(join(root, 'deploy/here/docker-compose.yml'))).toBe(true);
  });

  it.each([
    [['--bogus'], /unknown argument "--bogus"/],
    [['--topology'], /--topology needs a value/],
    [['--all', '--topology', 'topology/monolith.yaml'], /give either --topology or --all/],
    [['--all', '--db', 'mysql'], /--db must be one of sqlite, postgres/],
    [['--topology', 'topology/none.yaml'], /topology file topology\/none.yaml does not exist/],
  ])('%j: one line naming the problem, exit 2, nothing written', (argv, message) => {
    const { code, out, err } = run(root, ...argv);
    expect({ code, out, err }).toEqual({ code: 2, out: [], err: [expect.stringMatching(message)] });
    expect(existsSync(join(root, 'deploy'))).toBe(false);
  });

  it('writes nothing for a topology that does not validate', () => {
    writeFileSync(join(root, 'topology/bad.yaml'), 'name: bad\nunits:\n  - { name: a, domains: [nope] }\n');
    const { code, err } = run(root, '--all');
    expect({ code, err }).toEqual({ code: 2, err: [expect.stringMatching(/^deploy:render: topology file topology\/bad.yaml: unit "a" names unknown domain "nope"/)] });
    expect(existsSync(join(root, 'deploy'))).toBe(false);
  });

  it('--check exits 1 naming each stale file and the command, 0 once rendered', () => {
    expect(run(root, '--all').code).toBe(0);
    const file = join(root, 'deploy/split-tcp/k8s/20-payments.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('4105', '4999'));
    writeFileSync(join(root, 'deploy/split-tcp/k8s/20-gone.yaml'), 'kind: Leftover\n');
    const stale = run(root, '--all', '--check');
    expect(stale.code).toBe(1);
    expect(stale.err).toEqual([
      'deploy/split-tcp/k8s/20-payments.yaml is stale: run npm run deploy:render -- --all',
      'deploy/split-tcp/k8s/20-gone.yaml is stale: run npm run deploy:render -- --all',
    ]);
    expect(run(root, '--all').code).toBe(0);
    expect(existsSync(join(root, 'deploy/split-tcp/k8s/20-gone.yaml'))).toBe(false);
    expect(run(root, '--all', '--check')).toEqual({ code: 0, out: expect.arrayContaining(['up to date: deploy/split-tcp/ (topology/split-tcp.yaml)']), err: [] });
  });
});
