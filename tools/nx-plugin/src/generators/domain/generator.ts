import { execFileSync } from 'node:child_process';
import { generateFiles, joinPathFragments, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { defaultItem, domainNames } from './naming';
import { registerDomain, registerInE2eRuns } from './registrations';
import { placeInTopologies } from './topologies';
import { checkDomainName } from './validate';

export interface DomainGeneratorOptions {
  name: string;
  item?: string;
  skipDocs?: boolean;
}

/**
 * `nx g @foodcourt/nx-plugin:domain <name>`: the contract, core and http libraries of a new domain,
 * its service app, and its registration wherever the workspace lists domains (registry, monolith,
 * gateway, lint rules, path aliases, start script, every shipped topology). Everything is checked
 * before the first write, and Nx writes nothing to disk when a generator throws.
 */
export async function domainGenerator(tree: Tree, options: DomainGeneratorOptions): Promise<GeneratorCallback> {
  const item = options.item ?? (typeof options.name === 'string' ? defaultItem(options.name) : '');
  checkDomainName(tree, options.name, item);
  const n = domainNames(options.name, item);
  // The migration's class name ends in its timestamp, as TypeORM orders migrations by it.
  const substitutions = { ...n, timestamp: Date.now() };

  const files = joinPathFragments(__dirname, 'files');
  for (const kind of ['contract', 'core', 'http']) generateFiles(tree, joinPathFragments(files, kind), `libs/${n.name}/${kind}`, substitutions);
  generateFiles(tree, joinPathFragments(files, 'service'), `apps/${n.name}-service`, substitutions);
  registerDomain(tree, n);
  const placed = placeInTopologies(tree, n.name);
  registerInE2eRuns(tree, n, placed);

  return () => {
    for (const change of placed) {
      logger.info('unit' in change ? `${change.file}: new unit "${change.unit}"${change.address ? ` at ${change.address}` : ''}` : `${change.file}: added to unit "monolith"`);
    }
    // docs/architecture.md and deploy/<topology>/ are generated from the code and the topologies, and
    // specs fail while they are stale. Both run as child processes: they read the registry, which
    // this process loaded before the new domain was in it.
    if (options.skipDocs) {
      logger.info('docs/architecture.md and deploy/ not regenerated (--skipDocs): run npm run docs:architecture and npm run deploy:render -- --all');
      return;
    }
    regenerate(tree.root, 'tools/architecture/src/write-architecture-doc.ts', [], 'docs/architecture.md could not be regenerated: run npm run docs:architecture');
    regenerate(tree.root, 'tools/deploy/src/cli.ts', ['--all'], 'deploy/ could not be re-rendered: run npm run deploy:render -- --all');
  };
}

/** Runs one of the workspace's generating scripts on the files now on disk; the domain is in place whatever it says. */
function regenerate(root: string, script: string, args: string[], failure: string): void {
  try {
    execFileSync(process.execPath, ['-r', '@swc-node/register', script, ...args], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.node.json', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'inherit',
    });
  } catch {
    logger.warn(failure);
  }
}

export default domainGenerator;
