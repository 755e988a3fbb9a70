/**
 * The filter grammar's syntax tree (RFC 7644 §3.4.2.2) and PATCH paths
 * (§3.5.2). Attribute paths are kept as written (possibly URN-qualified,
 * any case); resolving them against the schemas is the consumer's job.
 */

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A comparison literal: JSON string, number, true, false or null. */
export type FilterValue = string | number | boolean | null;

export type Filter =
  | { kind: 'compare'; path: string; op: CompareOp; value: FilterValue }
  | { kind: 'present'; path: string }
  | { kind: 'and'; left: Filter; right: Filter }
  | { kind: 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  /** attr[filter]: paths inside `filter` are sub-attribute names of `path`. */
  | { kind: 'valuePath'; path: string; filter: Filter };

/**
 * A PATCH operation target: `attrPath` or `valuePath ["." subAttr]`.
 *   "name.givenName"                  → { attribute: "name.givenName" }
 *   "emails[type eq \"work\"].value"  → { attribute: "emails", filter, subAttribute: "value" }
 *   "members[value eq \"1\"]"         → { attribute: "members", filter }
 *   "urn:…:enterprise:2.0:User:manager" → { attribute: "urn:…:enterprise:2.0:User:manager" }
 */
export interface PatchPath {
  attribute: string;
  filter?: Filter;
  subAttribute?: string;
}
