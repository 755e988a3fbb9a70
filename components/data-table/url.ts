/**
 * List pages keep their state in the query string. This builds the link to
 * the same page with some parameters changed (null removes one), on the
 * server and in the browser alike.
 */
export type ParamChanges = Record<string, string | number | null | undefined>;

export function hrefWith(pathname: string, current: URLSearchParams | Record<string, string | string[] | undefined>, changes: ParamChanges): string {
  const next = new URLSearchParams();
  const entries: [string, string][] =
    current instanceof URLSearchParams
      ? [...current.entries()]
      : Object.entries(current).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
  for (const [k, v] of entries) if (!(k in changes)) next.append(k, v);
  for (const [k, v] of Object.entries(changes)) if (v !== null && v !== undefined && v !== '') next.set(k, String(v));
  const query = next.toString();
  return query ? `${pathname}?${query}` : pathname;
}
