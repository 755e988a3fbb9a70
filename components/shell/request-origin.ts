/**
 * The origin the admin reached this instance at, from the request headers
 * (behind a proxy: X-Forwarded-Host/Proto). Used for the SCIM Base URL when
 * no public URL is configured.
 */
import { headers } from 'next/headers';

export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = (h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost').split(',')[0].trim();
  const proto = (h.get('x-forwarded-proto') ?? (/^(localhost|127\.|\[::1\])/.test(host) ? 'http' : 'https')).split(',')[0].trim();
  return `${proto}://${host}`;
}
