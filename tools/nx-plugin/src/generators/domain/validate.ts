import { getProjects, type Tree } from '@nx/devkit';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** PostgreSQL keeps each domain in a schema of that name; identifiers stop at 63 bytes, and a short name reads better. */
const MAX_LENGTH = 30;

/**
 * Names that would collide with a project, a folder, a unit or a route the workspace has, or that
 * the module rules give another meaning (scope:platform, scope:registry…).
 */
export const RESERVED_NAMES: readonly string[] = [
  'platform', 'gateway', 'monolith', 'contract', 'contracts', 'registry', 'contract-registry', 'core', 'http', 'kernel', 'host',
  'e2e', 'bench', 'tools', 'tooling', 'architecture', 'nx-plugin', 'app', 'apps', 'libs', 'docs', 'docs-json', 'deploy', 'docker',
  'topology', 'dist', 'data', 'tmp', 'node-modules', 'testing', 'test', 'shared', 'common', 'health', 'metrics', 'admin', 'dashboard',
];

/** Checks the domain name (and record name) before anything is written; throws one Error with a one-line message. */
export function checkDomainName(tree: Tree, name: unknown, item: string): void {
  if (typeof name !== 'string' || !KEBAB.test(name)) {
    throw new Error(`domain name ${JSON.stringify(name)} is invalid: use lower-case kebab-case starting with a letter (e.g. reviews, gift-cards)`);
  }
  if (name.length > MAX_LENGTH) throw new Error(`domain name "${name}" is too long: at most ${MAX_LENGTH} characters`);
  if (name.endsWith('-service')) throw new Error(`domain name "${name}" is invalid: its service app is apps/<name>-service, so leave "-service" out`);
  if (RESERVED_NAMES.includes(name)) throw new Error(`domain name "${name}" is reserved (it names part of the workspace or a route it serves)`);
  if (!KEBAB.test(item)) throw new Error(`item name ${JSON.stringify(item)} is invalid: use lower-case kebab-case starting with a letter (e.g. review)`);

  for (const path of [`libs/${name}`, `apps/${name}-service`]) {
    if (tree.exists(path)) throw new Error(`domain "${name}" already exists (${path})`);
  }
  const projects = getProjects(tree);
  for (const project of [name, `${name}-contract`, `${name}-core`, `${name}-http`, `${name}-service`]) {
    const taken = projects.get(project);
    if (taken) throw new Error(`domain "${name}" already exists (project ${project} in ${taken.root})`);
  }
  const route = servedRoutes(tree).get(name);
  if (route) throw new Error(`domain name "${name}" is taken: the route /${name} is already served by ${route}`);
}

/** First path segment of every `@Controller('…')` in the workspace's sources, with the file declaring it. */
function servedRoutes(tree: Tree): Map<string, string> {
  const routes = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const child of tree.children(dir)) {
      const path = `${dir}/${child}`;
      if (child === 'node_modules' || child.startsWith('.')) continue;
      if (tree.isFile(path)) {
        if (!path.endsWith('.ts') || path.endsWith('.spec.ts')) continue;
        for (const match of (tree.read(path, 'utf8') ?? '').matchAll(/@Controller\(\s*'\/?([^'/]+)/g)) routes.set(match[1]!, path);
      } else {
        visit(path);
      }
    }
  };
  for (const root of ['libs', 'apps']) if (tree.exists(root)) visit(root);
  return routes;
}
