import { names } from '@nx/devkit';

/** Every spelling of a domain and of its record the templates and registrations use. */
export interface DomainNames {
  /** The domain as given: folder, project prefix, topology unit, route (`reviews`). */
  name: string;
  /** Class prefix (`Reviews`). */
  Name: string;
  /** Constant prefix (`REVIEWS`). */
  NAME: string;
  /** Variable name (`reviews`). */
  prop: string;
  /** One record, kebab-case (`review`). */
  item: string;
  Item: string;
  ITEM: string;
  /** SQL table of the records (`review`). */
  itemTable: string;
}

/** The record of a plural domain is its singular (reviews → review); otherwise `<name>-item`. */
export function defaultItem(name: string): string {
  if (/[^s]s$/.test(name) && !/(us|is)$/.test(name)) return name.slice(0, -1);
  return `${name}-item`;
}

export function domainNames(name: string, item = defaultItem(name)): DomainNames {
  const domain = names(name);
  const record = names(item);
  return {
    name,
    Name: domain.className,
    NAME: domain.constantName,
    prop: domain.propertyName,
    item: record.fileName,
    Item: record.className,
    ITEM: record.constantName,
    itemTable: record.fileName.replace(/-/g, '_'),
  };
}
