/**
 * What docs/architecture.md shows, as plain data: the readers (read-*.ts) fill it from the code and
 * the project graph, the renderer (architecture-doc.ts) turns it into Markdown. Keeping the two
 * apart lets the renderer be tested on a hand-made model, without Nx or any contract loaded.
 */

export interface PortMethodModel {
  name: string;
  /** Remote bindings retry only idempotent methods. */
  idempotent: boolean;
  timeoutMs: number;
}

export interface DomainModel {
  name: string;
  /** Empty when the domain declares no port. */
  portMethods: PortMethodModel[];
  /** Event types the domain's contract declares (the domain publishes them). */
  publishes: string[];
  /** Event types the domain's contract lists in its `<DOMAIN>_CONSUMES`. */
  consumes: string[];
  /** Domains whose port this domain's core or http lib injects. */
  callsPortsOf: string[];
}

export interface LibraryModel {
  name: string;
  /** The `type:*` tag without its prefix, e.g. `kernel`. */
  layer: string;
}

export interface LayerRuleModel {
  layer: string;
  /** Projects tagged with this layer in the workspace. */
  projects: string[];
  /** Layers a project of this layer may depend on (ALLOWED_TARGET_TYPES). */
  mayDependOn: string[];
}

/** A heading of a document in docs/ that states a rule or a decision, so the doc can link it. */
export interface DocLinkModel {
  title: string;
  /** Relative to docs/, with the anchor if any, e.g. `architecture-rules.md#3-deep-imports`. */
  href: string;
}

export interface ArchitectureModel {
  domains: DomainModel[];
  /** Platform libraries (and the contract registry), each with its layer. */
  libraries: LibraryModel[];
  /** Dependencies between the libraries above, as [from, to]. */
  libraryDependencies: [string, string][];
  layerRules: LayerRuleModel[];
  rules: DocLinkModel[];
  decisions: DocLinkModel[];
}
