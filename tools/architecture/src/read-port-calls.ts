/**
 * Which domain calls which other domain's port. The project graph says a domain's core or http lib
 * depends on another domain's contract, but a contract also carries events and DTOs: notifications'
 * core stands on the orders contract only to read its event payloads. So an edge counts as a port
 * call only when a source file of the lib imports, as a value, that contract's port definition or
 * its DI token (the only ways to inject the port). Imports are read with the TypeScript parser and
 * resolved against the contract's real exports, so a renamed token or an alias is still recognised.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { isDomainScope } from './module-rules';
import { tagValue, type WorkspaceProject } from './read-project-graph';

/** What a lib can import from a contract to reach its port. */
export interface ContractPort {
  domain: string;
  exports: Readonly<Record<string, unknown>>;
  port: { token: symbol } | undefined;
}

/** Everything a namespace import (`import * as x`) could reach. */
const ALL_EXPORTS = '*';

/**
 * Fakes and harnesses bind other domains' ports to stand in for them in specs; they do not make the
 * domain a caller, so specs and the test-support folders are not read.
 */
function isProductionSource(path: string): boolean {
  return path.endsWith('.ts') && !path.endsWith('.spec.ts') && !/(^|\/)(testing|test-support)\//.test(path);
}

function sourceFiles(workspaceRoot: string, projectRoot: string): string[] {
  const src = join(workspaceRoot, projectRoot, 'src');
  return (readdirSync(src, { recursive: true }) as string[])
    .map((file) => file.split('\\').join('/'))
    .filter(isProductionSource)
    .sort()
    .map((file) => join(src, file));
}

/** Names a file imports as values (not `import type`), by module specifier. */
export function valueImports(fileName: string, text: string): Map<string, Set<string>> {
  const imports = new Map<string, Set<string>>();
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (clause === undefined || clause.isTypeOnly) continue;
    const names = imports.get(statement.moduleSpecifier.text) ?? new Set<string>();
    const bindings = clause.namedBindings;
    if (bindings !== undefined && ts.isNamespaceImport(bindings)) names.add(ALL_EXPORTS);
    if (bindings !== undefined && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
    }
    imports.set(statement.moduleSpecifier.text, names);
  }
  return imports;
}

function reachesPort(names: Set<string>, contract: ContractPort): boolean {
  const port = contract.port;
  if (port === undefined) return false;
  const isPort = (value: unknown): boolean => value === port || value === port.token;
  if (names.has(ALL_EXPORTS)) return Object.values(contract.exports).some(isPort);
  return [...names].some((name) => isPort(contract.exports[name]));
}

/** Domain -> the other domains whose port its core or http lib imports, sorted. */
export function readPortCalls(workspaceRoot: string, projects: WorkspaceProject[], contracts: ContractPort[]): Map<string, string[]> {
  const byName = new Map(projects.map((p) => [p.name, p]));
  const contractOf = new Map(contracts.map((c) => [c.domain, c]));
  const calls = new Map<string, Set<string>>();

  for (const lib of projects.filter((p) => ['core', 'http'].includes(tagValue(p, 'type') ?? ''))) {
    const domain = tagValue(lib, 'scope');
    if (!isDomainScope(domain)) continue;
    // Candidates from the graph: other domains' contracts this lib depends on, by import alias.
    const candidates = new Map<string, ContractPort>();
    for (const target of lib.dependsOn.map((name) => byName.get(name)!)) {
      const callee = tagValue(target, 'scope');
      const contract = callee === undefined ? undefined : contractOf.get(callee);
      if (tagValue(target, 'type') === 'contract' && callee !== domain && contract !== undefined) candidates.set(`@foodcourt/${target.name}`, contract);
    }
    if (candidates.size === 0) continue;

    for (const file of sourceFiles(workspaceRoot, lib.root)) {
      for (const [specifier, names] of valueImports(file, readFileSync(file, 'utf8'))) {
        const contract = candidates.get(specifier);
        if (contract !== undefined && reachesPort(names, contract)) {
          calls.set(domain, (calls.get(domain) ?? new Set()).add(contract.domain));
        }
      }
    }
  }
  return new Map([...calls].map(([domain, callees]) => [domain, [...callees].sort()]));
}
