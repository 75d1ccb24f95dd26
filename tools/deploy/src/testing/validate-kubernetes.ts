import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** One problem per object that fails the Kubernetes API schema (null for a valid one), in order. */
export function kubernetesProblems(objects: readonly unknown[]): (string | null)[] {
  const output = execFileSync(process.execPath, [join(__dirname, 'validate-kubernetes.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    // Resolve kubernetes-models from the workspace's node_modules.
    cwd: join(__dirname, '../../../..'),
  });
  return JSON.parse(output) as (string | null)[];
}
