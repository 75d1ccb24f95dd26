import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { DatabaseKind } from './deploy-plan';
import { renderDeployment } from './render-deployment';
import type { RenderedFile } from './rendered-file';

/** One deployment folder as it should be: where it goes and what it holds. */
export interface RenderedDeployment {
  source: string;
  out: string;
  files: RenderedFile[];
}

/** The images are tagged with the workspace's version. */
export function workspaceVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** topology/*.yaml, relative to the root, in name order. */
export function shippedTopologies(root: string): string[] {
  return readdirSync(join(root, 'topology'))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `topology/${f}`);
}

/** deploy/<the topology's name>: where --all puts it. */
export function defaultOut(text: string): string {
  const name = (parse(text) as { name?: unknown } | null)?.name;
  return `deploy/${typeof name === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(name) ? name : 'unnamed'}`;
}

export function renderTopologyFile(root: string, source: string, out: string | undefined, db: DatabaseKind): RenderedDeployment {
  const text = readFileSync(join(root, source), 'utf8');
  const folder = out ?? defaultOut(text);
  return { source, out: folder, files: renderDeployment({ text, source, out: folder, version: workspaceVersion(root), db }) };
}

/** Every shipped topology rendered in memory, the way `npm run deploy:render -- --all` writes them. */
export function renderShipped(root: string): RenderedDeployment[] {
  return shippedTopologies(root).map((source) => renderTopologyFile(root, source, undefined, 'sqlite'));
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Files the renderer owns (manifests and compose); a README or notes beside them are left alone. */
const OWNED = /^(k8s\/[^/]+\.ya?ml|docker-compose\.yml|topology\.yaml)$/;

/** What differs on disk: files missing or changed, and owned files the renderer no longer writes. */
export function staleFiles(root: string, deployment: RenderedDeployment): string[] {
  const outDir = join(root, deployment.out);
  const stale = deployment.files
    .filter((f) => {
      const path = join(outDir, f.path);
      return !existsSync(path) || readFileSync(path, 'utf8') !== f.content;
    })
    .map((f) => `${deployment.out}/${f.path}`);
  return [...stale, ...leftoverFiles(root, deployment).map((p) => `${deployment.out}/${p}`)];
}

/** The owned files in a folder that a fresh render would not write (to delete on write). */
export function leftoverFiles(root: string, deployment: RenderedDeployment): string[] {
  const outDir = join(root, deployment.out);
  const rendered = new Set(deployment.files.map((f) => f.path));
  return listFiles(outDir)
    .map((p) => relative(outDir, p))
    .filter((p) => OWNED.test(p) && !rendered.has(p));
}
