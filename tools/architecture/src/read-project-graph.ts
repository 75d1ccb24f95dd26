/**
 * The workspace's projects as the Nx project graph sees them: name, folder, tags, and the workspace
 * projects each depends on (npm packages left out). Computed in-process, without a daemon, offline.
 */
export interface WorkspaceProject {
  name: string;
  /** Folder relative to the workspace root, e.g. `libs/orders/core`. */
  root: string;
  tags: string[];
  dependsOn: string[];
}

export async function readProjectGraph(): Promise<WorkspaceProject[]> {
  // Set before Nx loads: a daemon would outlive the command (and the spec), a cloud lookup needs a network.
  process.env.NX_DAEMON = 'false';
  process.env.NX_NO_CLOUD = 'true';
  const { createProjectGraphAsync } = await import('@nx/devkit');
  const graph = await createProjectGraphAsync({ exitOnError: true });
  return Object.values(graph.nodes)
    .map((node) => ({
      name: node.name,
      root: node.data.root,
      tags: [...(node.data.tags ?? [])].sort(),
      dependsOn: [...new Set((graph.dependencies[node.name] ?? []).map((d) => d.target).filter((t) => t in graph.nodes && t !== node.name))].sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The value of a project's `<prefix>:*` tag (`type`, `scope`), or undefined when it has none. */
export function tagValue(project: Pick<WorkspaceProject, 'tags'>, prefix: 'type' | 'scope'): string | undefined {
  return project.tags.find((t) => t.startsWith(`${prefix}:`))?.slice(prefix.length + 1);
}
