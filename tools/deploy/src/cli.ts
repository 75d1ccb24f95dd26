// npm run deploy:render -- --topology topology/x.yaml --out deploy/x | --all [--check] [--db postgres]
import { resolve } from 'node:path';
import { runRender } from './run-render';

const ROOT = resolve(__dirname, '../../..');
process.exitCode = runRender(ROOT, process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
