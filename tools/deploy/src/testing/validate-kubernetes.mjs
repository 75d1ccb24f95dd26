// Validates Kubernetes objects (a JSON array on stdin) against the API schemas of kubernetes-models.
// A child process of its own: kubernetes-models is ESM-only and Jest runs the specs as CommonJS.
// Prints a JSON array with one problem (or null) per object.
import { readFileSync } from 'node:fs';
import process from 'node:process';

const objects = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const object of objects) {
  try {
    // apiVersion "apps/v1" -> kubernetes-models/apps/v1, "v1" (the core group) -> kubernetes-models/v1.
    const models = await import(`kubernetes-models/${object.apiVersion}`);
    const Model = models[object.kind];
    if (!Model) throw new Error(`kubernetes-models/${object.apiVersion} has no kind ${object.kind}`);
    new Model(object).validate();
    problems.push(null);
  } catch (error) {
    problems.push(`${object.kind}/${object.metadata?.name}: ${String(error.message).split('\n')[0]}`);
  }
}
process.stdout.write(JSON.stringify(problems));
