import { updateJson, type Tree } from '@nx/devkit';
import type { DomainNames } from './naming';
import { addEntry, addImport, objectKey } from './source-edits';
import type { TopologyChange } from './topologies';

/** One file that lists the domains, and how the new one is added to it. */
interface SourceRegistration {
  file: string;
  imports: string[];
  entries: Array<{ opener: string; entry: string }>;
}

/** Every TypeScript/ESM file that lists the domains by hand (the rest derive from the registry). */
function sourceRegistrations(n: DomainNames): SourceRegistration[] {
  const key = objectKey(n.name);
  const contract = `@foodcourt/${n.name}-contract`;
  return [
    {
      file: 'libs/contract-registry/src/domain-ports.ts',
      imports: [`import { ${n.Name}Port } from '${contract}';`],
      entries: [{ opener: 'export const DOMAIN_PORTS: Readonly<Record<string, PortDefinition>> = {', entry: `${key}: ${n.Name}Port` }],
    },
    {
      file: 'libs/contract-registry/src/domain-consumes.ts',
      imports: [`import { ${n.NAME}_CONSUMES } from '${contract}';`],
      entries: [{ opener: 'export const DOMAIN_CONSUMES: Readonly<Record<string, readonly string[]>> = {', entry: `${key}: ${n.NAME}_CONSUMES` }],
    },
    {
      file: 'libs/contract-registry/src/domain-errors.spec.ts',
      imports: [`import * as ${n.prop} from '${contract}';`],
      entries: [{ opener: 'const LIBRARIES = {', entry: key === n.prop ? n.prop : `${key}: ${n.prop}` }],
    },
    {
      file: 'tools/architecture/src/read-contracts.ts',
      imports: [`import * as ${n.prop}Contract from '${contract}';`],
      entries: [{ opener: 'export const CONTRACT_EXPORTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {', entry: `${key}: ${n.prop}Contract` }],
    },
    {
      file: 'apps/monolith/src/hosted-domains.ts',
      imports: [`import { ${n.Name}CoreModule } from '@foodcourt/${n.name}-core';`, `import { ${n.Name}HttpModule } from '@foodcourt/${n.name}-http';`],
      entries: [
        { opener: 'const CORES: Record<string, Type> = {', entry: `${key}: ${n.Name}CoreModule` },
        { opener: 'http: [', entry: `${n.Name}HttpModule` },
      ],
    },
    {
      file: 'apps/gateway/src/binary.ts',
      imports: [`import { ${n.Name}HttpModule } from '@foodcourt/${n.name}-http';`],
      entries: [{ opener: 'gatewayBinary([', entry: `${n.Name}HttpModule` }],
    },
    {
      file: 'eslint.config.mjs',
      imports: [],
      entries: [{ opener: 'const DOMAINS = [', entry: `'${n.name}'` }],
    },
  ];
}

/** Registers the domain in every file that lists domains; returns the files changed. */
export function registerDomain(tree: Tree, n: DomainNames): string[] {
  const changed: string[] = [];
  for (const { file, imports, entries } of sourceRegistrations(n)) {
    let text = tree.read(file, 'utf8');
    if (text === null) throw new Error(`cannot register domain "${n.name}": ${file} is missing`);
    for (const statement of imports) text = addImport(file, text, statement);
    for (const { opener, entry } of entries) text = addEntry(file, text, opener, entry);
    tree.write(file, text);
    changed.push(file);
  }

  updateJson(tree, 'tsconfig.base.json', (json) => {
    const paths: Record<string, string[]> = { ...json.compilerOptions.paths };
    for (const kind of ['contract', 'core', 'http']) paths[`@foodcourt/${n.name}-${kind}`] = [`./libs/${n.name}/${kind}/src/index.ts`];
    // Kept sorted, as the file is.
    json.compilerOptions.paths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
    return json;
  });

  updateJson(tree, 'package.json', (json) => {
    const script = `SWC_NODE_PROJECT=tsconfig.node.json node -r @swc-node/register apps/${n.name}-service/src/main.ts`;
    // Next to the other services' scripts: before start:gateway, which comes after them.
    const entries = Object.entries(json.scripts as Record<string, string>);
    const at = entries.findIndex(([name]) => name === 'start:gateway');
    entries.splice(at < 0 ? entries.length : at, 0, [`start:${n.name}`, script]);
    json.scripts = Object.fromEntries(entries);
    return json;
  });

  return [...changed, 'tsconfig.base.json', 'package.json'];
}

/**
 * The e2e run of each topology where the domain became a unit of its own (apps/e2e/runs/<topology>)
 * starts the new service: `nx affected` must know. Returns the files changed.
 */
export function registerInE2eRuns(tree: Tree, n: DomainNames, placed: TopologyChange[]): string[] {
  const changed: string[] = [];
  for (const change of placed) {
    const run = `apps/e2e/runs/${change.file.replace(/^topology\/(.*)\.yaml$/, '$1')}/project.json`;
    if (!('unit' in change) || !tree.exists(run)) continue;
    updateJson(tree, run, (json) => {
      json.implicitDependencies = [...(json.implicitDependencies ?? []), `${n.name}-service`];
      return json;
    });
    changed.push(run);
  }
  return changed;
}
