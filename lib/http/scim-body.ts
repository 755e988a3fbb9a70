/**
 * Reading a SCIM request body safely: accepted media types, a hard size cap
 * enforced while streaming (a lying or missing Content-Length cannot get
 * past it), JSON syntax and nesting depth. Every failure is a ScimError.
 */
import { badRequest, ScimError } from '../scim/errors';

export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_DEPTH = 64;

/** application/scim+json (RFC 7644 §3.1) and application/json (Okta's SPEC test, MS Postman). */
function acceptableContentType(header: string | null): boolean {
  if (!header) return true; // some clients omit it on small bodies; the JSON parse decides
  const type = header.split(';')[0].trim().toLowerCase();
  return type === 'application/scim+json' || type === 'application/json' || type === 'text/json' || type === 'application/json+scim';
}

async function readCapped(req: Request): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

function tooLarge() {
  return new ScimError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes (ServiceProviderConfig maxPayloadSize).`);
}

function depth(value: unknown, level = 0): number {
  if (level > MAX_DEPTH) return level;
  if (Array.isArray(value)) return value.reduce<number>((m, v) => Math.max(m, depth(v, level + 1)), level);
  if (value && typeof value === 'object') return Object.values(value).reduce<number>((m, v) => Math.max(m, depth(v, level + 1)), level);
  return level;
}

export async function readScimJson(req: Request): Promise<unknown> {
  if (!acceptableContentType(req.headers.get('content-type'))) {
    throw new ScimError(415, 'Send the request body as application/scim+json (or application/json).');
  }
  const text = await readCapped(req);
  if (text.trim() === '') throw badRequest('invalidSyntax', 'The request body is empty; a JSON object is required.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof RangeError ? 'it is nested too deeply' : err instanceof Error ? err.message : 'invalid JSON';
    throw badRequest('invalidSyntax', `The request body is not valid JSON: ${reason}.`);
  }
  if (depth(parsed) > MAX_DEPTH) throw badRequest('invalidSyntax', `The request body is nested more than ${MAX_DEPTH} levels deep.`);
  return parsed;
}
