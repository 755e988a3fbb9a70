/**
 * ETags for SCIM resources (RFC 7644 §3.14): the weak tag W/"<version>",
 * where version is the resource's change counter. If-Match and
 * If-None-Match compare weakly and accept "*" and lists.
 */
import { ScimError } from './errors';

export function etagOf(version: number): string {
  return `W/"${version}"`;
}

function tags(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => t.replace(/^W\//i, ''));
}

export function matchesEtag(header: string, version: number): boolean {
  const mine = `"${version}"`;
  return tags(header).some((t) => t === '*' || t === mine);
}

/** Throws 412 when an If-Match precondition does not hold. */
export function checkIfMatch(header: string | null | undefined, version: number): void {
  if (header && !matchesEtag(header, version)) {
    throw new ScimError(412, `The resource has changed (now ${etagOf(version)}); fetch it again and retry.`);
  }
}
