/**
 * Where each SCIM attribute lives in our tables (prisma/schema.prisma), as
 * data the SQL compiler reads. Attributes with a dedicated column are listed
 * here; everything else is read from the resource's jsonb document, where core
 * attributes sit under their canonical names and extension attributes under
 * their schema URN (exactly as `schema.id` spells it).
 *
 * Queries alias `users` as `u` and `groups` as `g`; the compiler's SQL only
 * ever names the columns below, so a column rename is a one-line change here.
 */

/** How a dedicated column is compared. */
export type ColumnSpec =
  /**
   * Text; `key` is a copy lower-cased by JS toLowerCase() when written (indexed),
   * used for case-insensitive comparisons with an operand lowered the same way.
   * `trigram`: the compared column (`key` if any) is in a pg_trgm GIN index
   * (users_search_trgm_idx), which co/sw/ew patterns are shaped for.
   */
  | { type: 'text'; expr: string; key?: string; trigram?: boolean }
  /** A uuid column: a literal that is not a UUID never matches and never reaches a cast. */
  | { type: 'uuid'; expr: string }
  | { type: 'boolean'; expr: string }
  | { type: 'timestamp'; expr: string }
  /** An integer version counter, exposed as the weak ETag `W/"<n>"`. */
  | { type: 'version'; expr: string }
  /** A value that is the same for every row (meta.resourceType). */
  | { type: 'constant'; value: string };

/**
 * A multi-valued attribute stored as rows of another table (group
 * membership). `from` must yield one row per element, joined to the outer
 * resource by `correlate`.
 */
export interface RelationSpec {
  from: string;
  correlate: string;
  /** Sub-attributes by lower-cased name; any other sub-attribute is not filterable. */
  subAttributes: Record<string, ColumnSpec>;
}

export interface ResourceStorage {
  /** Table alias used in the outer query. */
  alias: string;
  /** The jsonb document holding every attribute without a dedicated column. */
  document: string;
  /** Dedicated columns by lower-cased canonical path ("name.givenname", "meta.created"). */
  columns: Record<string, ColumnSpec>;
  /** Multi-valued attributes held in another table, by lower-cased attribute name. */
  relations: Record<string, RelationSpec>;
  /**
   * A text[] column holding every `value` of a multi-valued attribute,
   * lower-cased by JS toLowerCase() (GIN-indexed): `eq` on that `value` becomes `@>`.
   */
  valueKeys: Record<string, string>;
  /**
   * A text column holding every `value` of a multi-valued attribute as written,
   * each between two VALUE_SEPARATORs (valueSearchText), trigram-indexed:
   * `co`/`sw`/`ew` on that `value` first test `column ILIKE <pattern>`, which the
   * index answers, then the exact per-element predicate.
   */
  valueSearch: Record<string, string>;
  /** Sort expressions that differ from the filter mapping, by lower-cased canonical path. */
  sortColumns: Record<string, string>;
  /**
   * Attribute names no schema defines that filters may still use, mapped to a
   * canonical path. Only consulted when the schemas do not know the name.
   */
  aliases: Record<string, string>;
  /** The stable, unique ORDER BY suffix that makes paging deterministic. */
  tieBreaker: string[];
}

/**
 * Separates the values in a valueSearch column. A newline: never part of an
 * email address, and not a letter or digit, so pg_trgm treats it as a word boundary.
 */
export const VALUE_SEPARATOR = '\n';

/**
 * The valueSearch text of a multi-valued attribute's values: each value the
 * per-element predicate reads (a string, number or boolean), as is, between
 * two separators ("\na@x.org\nB@y.org\n"); '' when there is none. So
 * `v co x` on one value implies `text ILIKE '%x%'`, `v sw x` implies
 * `'%\nx%'` and `v ew x` implies `'%x\n%'`: ILIKE lowers both sides the way the
 * per-element `lower(v) LIKE lower(pattern)` does, so the column test is a
 * superset whatever the database's lower() does with non-ASCII letters. The
 * values stay unlowered for that reason: lowering them here with JS
 * toLowerCase() could differ from the database's lower() ("İ").
 */
export function valueSearchText(values: readonly unknown[]): string {
  const texts = values
    .filter((v) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))
    .map(String);
  return texts.length ? `${VALUE_SEPARATOR}${texts.join(VALUE_SEPARATOR)}${VALUE_SEPARATOR}` : '';
}

/**
 * An entry of one of the tables above, by key. Never a property of
 * Object.prototype: "constructor" or "toString" is an attribute name any
 * client may put in a filter.
 */
export function lookup<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function metaColumns(alias: string): Record<string, ColumnSpec> {
  return {
    id: { type: 'uuid', expr: `${alias}.id` },
    externalid: { type: 'text', expr: `${alias}.external_id` },
    'meta.created': { type: 'timestamp', expr: `${alias}.created_at` },
    'meta.lastmodified': { type: 'timestamp', expr: `${alias}.updated_at` },
    'meta.version': { type: 'version', expr: `${alias}.version` },
  };
}

export const userStorage: ResourceStorage = {
  alias: 'u',
  document: 'u.attributes',
  columns: {
    ...metaColumns('u'),
    'meta.resourcetype': { type: 'constant', value: 'User' },
    username: { type: 'text', expr: 'u.user_name', key: 'u.user_name_key', trigram: true },
    active: { type: 'boolean', expr: 'u.active' },
    displayname: { type: 'text', expr: 'u.display_name', trigram: true },
    'name.givenname': { type: 'text', expr: 'u.given_name', trigram: true },
    'name.familyname': { type: 'text', expr: 'u.family_name', trigram: true },
  },
  relations: {
    groups: {
      from: 'group_members gm JOIN groups mg ON mg.id = gm.group_id',
      correlate: 'gm.user_id = u.id',
      subAttributes: {
        value: { type: 'uuid', expr: 'gm.group_id' },
        display: { type: 'text', expr: 'mg.display_name', key: 'mg.display_name_key' },
        type: { type: 'constant', value: 'direct' },
      },
    },
  },
  valueKeys: { emails: 'u.email_keys' },
  valueSearch: { emails: 'u.email_search' },
  // u.email holds the primary (or first) email: RFC 7644 §3.4.2.3 sorts a multi-valued attribute by it.
  sortColumns: { 'emails.value': 'lower(u.email)' },
  // Okta's set-up guide makes admins pick `email` as the unique identifier field (okta.md §5).
  aliases: { email: 'emails.value' },
  tieBreaker: ['u.created_at', 'u.id'],
};

export const groupStorage: ResourceStorage = {
  alias: 'g',
  document: 'g.attributes',
  columns: {
    ...metaColumns('g'),
    'meta.resourcetype': { type: 'constant', value: 'Group' },
    displayname: { type: 'text', expr: 'g.display_name', key: 'g.display_name_key' },
  },
  relations: {
    members: {
      from: 'group_members gm JOIN users mu ON mu.id = gm.user_id',
      correlate: 'gm.group_id = g.id',
      subAttributes: {
        value: { type: 'uuid', expr: 'gm.user_id' },
        display: { type: 'text', expr: 'COALESCE(mu.display_name, mu.user_name)' },
        type: { type: 'constant', value: 'User' },
      },
    },
  },
  valueKeys: {},
  valueSearch: {},
  sortColumns: {},
  aliases: {},
  tieBreaker: ['g.created_at', 'g.id'],
};
