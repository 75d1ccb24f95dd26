import type { Tree } from '@nx/devkit';
import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';

/** What a new domain does to one topology: joins its unit "monolith", or becomes a unit of its own. */
export type TopologyChange = { file: string; joined: 'monolith' } | { file: string; unit: string; address?: string };

/**
 * Places the domain in every shipped topology (topology/*.yaml): in the unit named "monolith"
 * where there is one (the monolith and the extractions keep the rest together), otherwise in a new
 * unit of its own, `http: false`, with the next free TCP address when the file's units have
 * addresses (the broker topologies have none). Edits the YAML document, so comments stay.
 */
export function placeInTopologies(tree: Tree, domain: string): TopologyChange[] {
  const changes: TopologyChange[] = [];
  for (const child of tree.children('topology').filter((f) => f.endsWith('.yaml')).sort()) {
    const file = `topology/${child}`;
    const doc = parseDocument(tree.read(file, 'utf8') ?? '');
    const units = doc.get('units');
    if (doc.errors.length > 0 || !isSeq(units)) throw new Error(`cannot place the domain in ${file}: it is not a topology with a list of units`);
    const list = (units as YAMLSeq<YAMLMap>).items.filter((u) => isMap(u));
    if (list.some((u) => u.get('name') === domain)) throw new Error(`domain "${domain}" cannot be added: ${file} already has a unit "${domain}"`);

    const monolith = list.find((u) => u.get('name') === 'monolith');
    if (monolith) {
      const domains = monolith.get('domains');
      if (!isSeq(domains)) throw new Error(`cannot place the domain in ${file}: unit "monolith" has no list of domains`);
      domains.add(doc.createNode(domain));
      changes.push({ file, joined: 'monolith' });
    } else {
      const address = nextAddress(list);
      const unit = doc.createNode({ name: domain, domains: [domain], http: false, ...(address ? { address } : {}) }) as YAMLMap;
      (unit.get('domains') as YAMLSeq).flow = true;
      units.add(unit);
      changes.push({ file, unit: domain, ...(address ? { address } : {}) });
    }
    tree.write(file, doc.toString({ flowCollectionPadding: false, lineWidth: 0 }));
  }
  return changes;
}

/** One past the highest port the units' addresses use, on the host of that address; none when no unit has an address. */
function nextAddress(units: YAMLMap[]): string | undefined {
  const used = units.flatMap((u) => {
    const addresses = u.get('addresses');
    return [u.get('address'), ...(isSeq(addresses) ? addresses.items.map((a) => (a as { value?: unknown }).value ?? a) : [])];
  });
  let highest: { host: string; port: number } | undefined;
  for (const address of used) {
    const match = typeof address === 'string' ? /^(.*):(\d+)$/.exec(address) : null;
    if (match && (!highest || Number(match[2]) > highest.port)) highest = { host: match[1]!, port: Number(match[2]) };
  }
  return highest ? `${highest.host}:${highest.port + 1}` : undefined;
}
