/** The options of `nx g @foodcourt/nx-plugin:extract` (schema.json). */
export interface ExtractSchema {
  domain: string;
  from: string;
  to: string;
  /** Checked by the generator (not by schema.json's enum) so a bad one fails with the generator's one line. */
  transport?: string;
}
