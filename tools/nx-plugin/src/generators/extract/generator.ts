import { basename, extname } from 'node:path';
import type { Tree } from '@nx/devkit';
import { stringify } from 'yaml';
import { KNOWN_DOMAINS } from '@foodcourt/contract-registry';
import { checkedTopology, renderDeployment } from '@foodcourt/deploy';
import { checkTransport, extractDomain, ExtractError } from './extract-topology';
import type { ExtractSchema } from './schema';

/**
 * `nx g @foodcourt/nx-plugin:extract <domain> --from topology/x.yaml --to topology/y.yaml`:
 * writes the new topology and its rendered deployment (deploy/<y>/). Everything is checked and
 * rendered before the first write, so a refused request leaves the Tree untouched.
 */
export default async function extractGenerator(tree: Tree, options: ExtractSchema): Promise<void> {
  const { domain, from, to } = options;
  const transport = checkTransport(options.transport);
  if (!KNOWN_DOMAINS.includes(domain)) throw new ExtractError(`unknown domain "${domain}" (known: ${KNOWN_DOMAINS.join(', ')})`);
  if (!/\.ya?ml$/.test(to)) throw new ExtractError(`--to must be a .yaml file, not "${to}"`);
  if (tree.exists(to)) throw new ExtractError(`${to} already exists: choose another --to`);
  const fromText = tree.read(from, 'utf8');
  if (fromText === null) throw new ExtractError(`topology file ${from} does not exist`);

  const name = basename(to, extname(to));
  const out = `deploy/${name}`;
  if (tree.exists(out)) throw new ExtractError(`${out} already exists: choose another --to`);

  const fromTopology = oneLine(() => checkedTopology(from, fromText));
  const topology = extractDomain(fromTopology, from, domain, name, transport);
  const text =
    `# ${from} with ${domain} moved into a unit of its own (nx g @foodcourt/nx-plugin:extract ${domain} --from ${from} --to ${to}).\n` +
    stringify(JSON.parse(JSON.stringify(topology)), { lineWidth: 0 });
  // The platform's own parser and checks, as every unit will run them at start.
  oneLine(() => checkedTopology(to, text));
  const version = (JSON.parse(tree.read('package.json', 'utf8') ?? '{}') as { version?: string }).version ?? '0.0.0';
  const files = oneLine(() => renderDeployment({ text, source: to, out, version }));

  tree.write(to, text);
  for (const file of files) tree.write(`${out}/${file.path}`, file.content);
}

/** A topology problem as the generator's own one-line error. */
function oneLine<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new ExtractError((error as Error).message.split('\n')[0]);
  }
}
