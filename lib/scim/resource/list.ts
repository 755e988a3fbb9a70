/**
 * Query parameters of list and search requests (RFC 7644 §3.4.2, §3.4.3)
 * and the ListResponse envelope.
 *
 * Paging follows what Okta and Entra check: 1-based startIndex (below 1
 * means 1), count clamped to the server maximum (0 = totals only),
 * totalResults/startIndex/itemsPerPage as JSON integers, itemsPerPage = the
 * number actually returned (ory/polis#4054). Parameter names are
 * case-insensitive and unknown parameters (Entra's `aadOptscim062020`) are
 * ignored.
 */
import { badRequest } from '../errors';
import { URN } from '../schemas/urns';
import { getOwn, isPlainObject } from './document';

export type SortOrder = 'ascending' | 'descending';

export interface ListParams {
  filter?: string;
  startIndex: number;
  count: number;
  sortBy?: string;
  sortOrder?: SortOrder;
  attributes?: string[];
  excludedAttributes?: string[];
}

export interface ListResponse<T> {
  schemas: [typeof URN.ListResponse];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export function renderListResponse<T>(resources: T[], totalResults: number, startIndex: number): ListResponse<T> {
  return {
    schemas: [URN.ListResponse],
    totalResults: Math.trunc(totalResults),
    startIndex: Math.trunc(startIndex),
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

const KNOWN = ['filter', 'startindex', 'count', 'sortby', 'sortorder', 'attributes', 'excludedattributes'] as const;
type Known = (typeof KNOWN)[number];

/** The known parameters by lower-cased name; the first occurrence wins. */
function fromQuery(query: URLSearchParams): Map<Known, unknown> {
  const out = new Map<Known, unknown>();
  for (const [key, value] of query) {
    const name = key.toLowerCase() as Known;
    if (KNOWN.includes(name) && !out.has(name)) out.set(name, value);
  }
  return out;
}

/** A SearchRequest body (RFC 7644 §3.4.3): keys case-insensitive, `schemas` optional but if present must name SearchRequest. */
function fromSearchBody(body: unknown): Map<Known, unknown> {
  if (!isPlainObject(body)) throw badRequest('invalidSyntax', 'The search request body must be a JSON object.');
  const out = new Map<Known, unknown>();
  for (const key of Object.keys(body)) {
    const name = key.toLowerCase();
    if (name === 'schemas') {
      const schemas = getOwn(body, key);
      const ok = Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.SearchRequest.toLowerCase());
      if (!ok) throw badRequest('invalidSyntax', `"schemas" of a search request must contain "${URN.SearchRequest}".`);
    } else if (KNOWN.includes(name as Known) && !out.has(name as Known)) {
      out.set(name as Known, getOwn(body, key));
    }
  }
  return out;
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n)) throw badRequest('invalidValue', `"${name}" must be an integer.`);
  // Echoed back as a JSON integer (startIndex): it must stay one.
  if (!Number.isSafeInteger(Math.trunc(n))) throw badRequest('invalidValue', `"${name}" is out of range.`);
  return Math.trunc(n);
}

function text(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest('invalidValue', `"${name}" must be a string.`);
  return value.trim() === '' ? undefined : value;
}

function nameList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  if (!items.every((item) => typeof item === 'string')) throw badRequest('invalidValue', `"${name}" must be a list of attribute names.`);
  const list = (items as string[]).flatMap((item) => item.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  return list.length > 0 ? list : undefined;
}

/** Parses GET query parameters or a POST /.search body. */
export function parseListParams(query: URLSearchParams | unknown, maxCount: number): ListParams {
  const raw = query instanceof URLSearchParams ? fromQuery(query) : fromSearchBody(query);
  const startIndex = Math.max(1, integer(raw.get('startindex'), 'startIndex') ?? 1);
  const requested = integer(raw.get('count'), 'count');
  const count = requested === undefined ? maxCount : Math.min(Math.max(0, requested), maxCount);

  const params: ListParams = { startIndex, count };
  const filter = text(raw.get('filter'), 'filter');
  if (filter !== undefined) params.filter = filter;
  const sortBy = text(raw.get('sortby'), 'sortBy');
  if (sortBy !== undefined) params.sortBy = sortBy;
  const sortOrder = text(raw.get('sortorder'), 'sortOrder')?.toLowerCase();
  if (sortOrder !== undefined) {
    if (sortOrder !== 'ascending' && sortOrder !== 'descending') {
      throw badRequest('invalidValue', '"sortOrder" must be "ascending" or "descending".');
    }
    params.sortOrder = sortOrder;
  }
  const attributes = nameList(raw.get('attributes'), 'attributes');
  if (attributes) params.attributes = attributes;
  const excluded = nameList(raw.get('excludedattributes'), 'excludedAttributes');
  if (excluded) params.excludedAttributes = excluded;
  return params;
}
