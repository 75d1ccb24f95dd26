import { execFileSync } from 'node:child_process';
import { generateFiles, joinPathFragments, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { defaultItem, domainNames } from './naming';
import { registerDomain } from './registrations';
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

  return () => {
    for (const change of placed) {
      logger.info('unit' in change ? `${change.file}: new unit "${change.unit}"${change.address ? ` at ${change.address}` : ''}` : `${change.file}: added to unit "monolith"`);
    }
    // docs/architecture.md is generated from the code, and a spec fails while it is stale.
    if (options.skipDocs) {
      logger.info('docs/architecture.md not regenerated (--skipDocs): run npm run docs:architecture');
      return;
    }
    try {
      execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/architecture/src/write-architecture-doc.ts'], {
        cwd: tree.root,
        env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.node.json', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
        stdio: 'inherit',
      });
    } catch {
      // The domain is in place; only the doc is behind.
      logger.warn('docs/architecture.md could not be regenerated: run npm run docs:architecture');
    }
  };
}

export default domainGenerator;
