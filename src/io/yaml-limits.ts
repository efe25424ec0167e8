/**
 * Limits on what one document may make a loader build, in a module of their own: the JSON Lines
 * reader checks depth with them on every line, and importing them from yaml-doc.ts loaded the
 * reference YAML parser on every run, which most runs never call.
 */
export interface YamlLimits {
  /** Deepest nesting of lists and mappings; event files need 4, indicator sets 6. */
  maxDepth: number;
  /** Values that aliases may add in all, counting what aliases inside an anchor add again. */
  maxAliasValues: number;
}

export const YAML_LIMITS: YamlLimits = { maxDepth: 64, maxAliasValues: 10_000 };
