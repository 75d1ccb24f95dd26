import { readFileSync } from 'node:fs';
import { TopologyProcess, type UnitProcess } from '@foodcourt/platform-testing';
import { http } from './http';
import { DOMAINS } from './run-databases';

/** One running unit as the observability suite reads it: its HTTP address, its log, the domains it hosts. */
export interface ObservedUnit {
  name: string;
  url: string;
  logFile: string;
  domains: string[];
}

/** Every unit of the shop: the monolith alone (unit "monolith"), or each unit of its topology. */
export function observedUnits(shop: UnitProcess): ObservedUnit[] {
  if (!(shop instanceof TopologyProcess)) return [{ name: 'monolith', url: shop.url, logFile: shop.logFile, domains: [...DOMAINS] }];
  const plan = shop.plan!;
  return plan.topology.units.map((unit) => ({ name: unit.name, url: shop.unit(unit.name).url, logFile: shop.unit(unit.name).logFile, domains: unit.domains }));
}

/** The unit hosting `domain`. */
export function unitOf(units: ObservedUnit[], domain: string): ObservedUnit {
  const unit = units.find((u) => u.domains.includes(domain));
  if (!unit) throw new Error(`no unit hosts ${domain}`);
  return unit;
}

/** The JSON lines of a unit's log (lines that are not JSON, such as npm's banner, are skipped). */
export function logLines(unit: ObservedUnit): Record<string, unknown>[] {
  return readFileSync(unit.logFile, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as unknown;
        return parsed !== null && typeof parsed === 'object' ? [parsed as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
}

/** A unit's /metrics, as `name{labels}` → value (labels sorted, the constant unit/topology labels dropped). */
export async function scrape(unit: ObservedUnit): Promise<Map<string, number>> {
  const reply = await http(unit.url, 'GET', '/metrics');
  if (reply.status !== 200) throw new Error(`GET ${unit.url}/metrics answered ${reply.status}`);
  const samples = new Map<string, number>();
  for (const line of String(reply.body).split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/i.exec(line);
    if (!match) continue;
    const labels = (match[2] ?? '')
      .split(/,(?=[a-z_]+=")/)
      .filter((pair) => pair && !/^(unit|topology)=/.test(pair))
      .sort()
      .join(',');
    samples.set(`${match[1]}{${labels}}`, Number(match[3]));
  }
  return samples;
}

/** The series key scrape() gives a counter with these labels. */
export function series(name: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort();
  return `${name}{${pairs.join(',')}}`;
}
