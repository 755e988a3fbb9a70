/**
 * Building blocks for the dashboard's URL state: list pages keep their
 * search, filters, sort and page in the query string so every view is a
 * link. A hand-edited or stale URL never fails: a value that does not parse
 * falls back to its default instead of raising an error page.
 */
import { z } from 'zod';

/** What Next.js hands a page as `searchParams`. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** A repeated parameter (`?q=a&q=b`) counts as its first value. */
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** Free text, trimmed; empty means absent. */
export const searchText = (max = 200) =>
  z.preprocess(
    (v) => {
      const s = first(v);
      return typeof s === 'string' && s.trim() !== '' ? s : undefined;
    },
    z.string().trim().max(max).optional().catch(undefined),
  );

/** One of a few values, or absent. */
export const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(first, z.enum(values).optional().catch(undefined));

/** One of a few values, with a default. */
export const choice = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(first, z.enum(values).catch(fallback as never)) as unknown as z.ZodType<T[number]>;

/** 1-based page number. */
export const pageNumber = z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000).catch(1));

export const pageSize = z.preprocess(
  first,
  z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(DEFAULT_PAGE_SIZE),
);

export const sortDirection = choice(['asc', 'desc'] as const, 'asc');

/** A flag such as `?errors=1`. */
export const flag = z.preprocess((v) => {
  const s = first(v);
  return s === '1' || s === 'true' || s === 'on';
}, z.boolean());

/** A UUID, or absent. */
export const optionalId = z.preprocess(first, z.uuid().optional().catch(undefined));
