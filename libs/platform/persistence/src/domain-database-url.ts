import { ConfigError } from '@foodcourt/platform-kernel';

/**
 * Placeholder in DATABASE_URL that gives every domain its own PostgreSQL database:
 * `postgres://…/foodcourt_{domain}` puts the catalog in `foodcourt_catalog`, orders in `foodcourt_orders`, …
 */
export const DOMAIN_PLACEHOLDER = '{domain}';

/** PostgreSQL silently truncates longer identifiers (NAMEDATALEN - 1), so two domains could collide. */
const MAX_DATABASE_NAME_BYTES = 63;

/** Where one domain's PostgreSQL data lives. */
export interface DomainDatabaseLocation {
  /** The connection URL of the domain: DATABASE_URL with the placeholder replaced, or DATABASE_URL as given. */
  url: string;
  /** Only with the placeholder: the domain's own database, created if missing through `maintenanceUrl`. */
  ownDatabase?: { name: string; maintenanceUrl: string };
}

/** True when DATABASE_URL asks for one database per domain. */
export function hasDomainPlaceholder(url: string): boolean {
  return url.includes(DOMAIN_PLACEHOLDER);
}

/**
 * Why a DATABASE_URL with the placeholder cannot be used, or undefined when it can (or has no
 * placeholder: such URLs are taken as they are). The placeholder belongs in the database name only.
 */
export function domainPlaceholderProblem(url: string): string | undefined {
  if (!hasDomainPlaceholder(url)) return undefined;
  const placement = `databaseUrl may contain ${DOMAIN_PLACEHOLDER} only in the database name, not in the user, password, host, port or parameters`;
  const parsed = parseUrl(url);
  // Unparseable as written but fine with a stand-in (e.g. `db:{domain}`): the placeholder is misplaced.
  if (!parsed) return parseUrl(url.replaceAll(DOMAIN_PLACEHOLDER, '0')) ? placement : 'databaseUrl must be a valid URL';
  const name = databaseNameOf(parsed);
  if (name === undefined) return 'databaseUrl must be a valid URL';
  return countOf(name, DOMAIN_PLACEHOLDER) === countOf(url, DOMAIN_PLACEHOLDER) ? undefined : placement;
}

/** Resolves DATABASE_URL for one domain; without the placeholder it is returned unchanged. */
export function domainDatabaseLocation(databaseUrl: string, domain: string): DomainDatabaseLocation {
  if (!hasDomainPlaceholder(databaseUrl)) return { url: databaseUrl };
  const problem = domainPlaceholderProblem(databaseUrl);
  if (problem) throw new ConfigError(`invalid configuration: DATABASE_URL: ${problem}`);
  const url = databaseUrl.replaceAll(DOMAIN_PLACEHOLDER, encodeURIComponent(domain));
  const parsed = new URL(url);
  const name = databaseNameOf(parsed) ?? '';
  if (Buffer.byteLength(name) > MAX_DATABASE_NAME_BYTES) {
    throw new ConfigError(`invalid configuration: DATABASE_URL: database name "${name}" of domain "${domain}" is longer than ${MAX_DATABASE_NAME_BYTES} bytes`);
  }
  parsed.pathname = '/postgres'; // the maintenance database every PostgreSQL server has
  return { url, ownDatabase: { name, maintenanceUrl: parsed.toString() } };
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The database name as node-postgres reads it from a URL (pg-connection-string: decodeURI of the path). */
function databaseNameOf(url: URL): string | undefined {
  try {
    return decodeURI(url.pathname.slice(1));
  } catch {
    return undefined;
  }
}

function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}
