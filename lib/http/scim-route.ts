/**
 * The one wrapper every SCIM route handler goes through. It authenticates
 * the InfraToken, refuses while SCIM Provisioning is off, reads and bounds
 * the body, turns every failure into a SCIM Error (RFC 7644 §3.12) served as
 * application/scim+json, and records the request in the activity log without
 * making the response wait for it. Handlers hold only their protocol logic.
 */
import type { NextRequest } from 'next/server';
import { isDatabaseUnavailable } from '../db/errors';
import { ScimError } from '../scim/errors';
import { recordActivity } from '../services/activity';
import { authorizeScimRequest, type ScimAccess } from '../services/scim-access';
import { loadInstanceSchemas, type InstanceSchemas } from '../services/scim-schemas';
import { touchInfraToken, type VerifiedToken } from '../services/tokens';
import { scimRateLimiter } from './rate-limit';
import { readScimJson } from './scim-body';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** What a handler tells the activity log about its request. */
export interface ActivityNote {
  action?: string;
  resourceType?: 'User' | 'Group' | 'Schema' | 'ServiceProviderConfig' | 'ResourceType';
  resourceId?: string;
  resourceName?: string;
  summary?: string;
  changed?: string[];
  ignored?: string[];
}

export interface ScimContext {
  req: NextRequest;
  /**
   * Confirms the grant with the access epoch read in the same statement as
   * the data (db/scim-store: ACCESS_EPOCH): a grant held in memory
   * (services/scim-access) stands without a round trip of its own if the
   * epoch matches; otherwise access is decided afresh, and this throws the
   * 401/403 if it is now refused. A handler that writes calls it before the
   * write; the route confirms whatever was not confirmed before answering.
   */
  confirmAccess: (epoch: number | null | undefined) => Promise<void>;
  /** The epoch of a grant held in memory and not yet confirmed (for a write that checks it in its own statement). */
  heldEpoch: () => number | undefined;
  url: URL;
  params: Record<string, string>;
  token: VerifiedToken;
  /** `<instance>/scim/v2`, for meta.location. */
  baseUrl: string;
  schemas: () => Promise<InstanceSchemas>;
  body: () => Promise<unknown>;
  note: ActivityNote;
}

export interface ScimResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (ctx: ScimContext) => Promise<ScimResult>;
type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function scimResponse(result: ScimResult): Response {
  const headers = new Headers(result.headers);
  headers.set('Cache-Control', 'no-store');
  if (result.body === undefined || result.status === 204 || result.status === 304) return new Response(null, { status: result.status, headers });
  headers.set('Content-Type', SCIM_CONTENT_TYPE);
  return new Response(JSON.stringify(result.body), { status: result.status, headers });
}

export function scimErrorResponse(error: ScimError, headers?: Record<string, string>): Response {
  return scimResponse({ status: error.status, body: error.toJSON(), headers });
}

function requestOrigin(req: NextRequest): string {
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? req.nextUrl.host;
  const proto = (req.headers.get('x-forwarded-proto') ?? req.nextUrl.protocol.replace(':', '')).split(',')[0].trim();
  return `${proto}://${host.split(',')[0].trim()}`;
}

const SCIM_OFF_DETAIL = 'SCIM Provisioning is turned off for this instance. An admin can turn it on under Configurations → User Provisioning.';

const DENIED_DETAIL = {
  missing: 'Authentication required: send the InfraToken as "Authorization: Bearer <token>".',
  unknown: 'The InfraToken is not valid for this instance.',
  expired: 'The InfraToken has expired; generate a new one under InfraTokens.',
  revoked: 'The InfraToken has been revoked; generate a new one under InfraTokens.',
} as const;

/** The SCIM error for an access decision that does not grant. */
function refusal(decision: Exclude<ScimAccess, { kind: 'granted' }>): ScimError {
  return decision.kind === 'denied' ? new ScimError(401, DENIED_DETAIL[decision.reason]) : new ScimError(403, SCIM_OFF_DETAIL);
}

export interface ScimRouteOptions {
  /**
   * The handler calls ctx.confirmAccess before any write it makes, so a
   * write request too may start on a grant held in memory. GET handlers
   * never write and need not say so.
   */
  confirmsBeforeWrite?: boolean;
}

export function scimRoute(defaultAction: string, handler: Handler, options: ScimRouteOptions = {}) {
  return async (req: NextRequest, route: RouteContext): Promise<Response> => {
    const started = performance.now();
    const url = new URL(req.url);
    const note: ActivityNote = {};
    let token: VerifiedToken | undefined;
    let status = 500;
    let errorDetail: string | undefined;
    let response: Response;
    let retryAfter = 0;

    try {
      const authorization = req.headers.get('authorization');
      // Reads, and writes whose handler confirms before writing, may start on a grant held in
      // memory; it is confirmed before anything is written or answered (confirmAccess).
      const access = await authorizeScimRequest(authorization, { provisional: req.method === 'GET' || options.confirmsBeforeWrite === true });
      if (access.kind !== 'denied') token = access.token;
      if (access.kind !== 'granted') throw refusal(access);
      retryAfter = scimRateLimiter().take(access.token.id);
      if (retryAfter > 0) {
        throw new ScimError(429, `Too many requests with this InfraToken; retry after ${retryAfter} s.`);
      }
      const rawParams = await route.params;
      const params = Object.fromEntries(Object.entries(rawParams ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : decodeURIComponent(v)]));
      let bodyPromise: Promise<unknown> | undefined;
      let confirmed = !access.provisional;
      let fresh: Promise<ScimAccess> | undefined;
      const confirmAccess = async (epoch: number | null | undefined) => {
        if (confirmed) return;
        if (epoch === access.epoch) {
          confirmed = true;
          return;
        }
        const decision = await (fresh ??= authorizeScimRequest(authorization));
        if (decision.kind !== 'granted') throw refusal(decision);
        token = decision.token;
        confirmed = true;
      };
      const run = (granted: Extract<ScimAccess, { kind: 'granted' }>) =>
        handler({
          req,
          url,
          params,
          token: granted.token,
          baseUrl: `${(granted.publicUrl ?? requestOrigin(req)).replace(/\/+$/, '')}/scim/v2`,
          schemas: loadInstanceSchemas,
          body: () => (bodyPromise ??= readScimJson(req)),
          note,
          confirmAccess,
          heldEpoch: () => (confirmed || !access.provisional ? undefined : access.epoch),
        }).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
      let outcome = await run(access);
      // Nothing is answered on an unconfirmed grant (an error, an empty result, a handler that
      // reads no epoch): decide afresh first. The epoch only grows, so an unchanged one means the
      // answer stands; if the public URL changed meanwhile, a read is served again under it.
      await confirmAccess(undefined);
      const decided = fresh && (await fresh);
      if (decided?.kind === 'granted' && decided.publicUrl !== access.publicUrl && req.method === 'GET') outcome = await run(decided);
      if (!outcome.ok) throw outcome.error;
      const result = outcome.value;
      status = result.status;
      response = scimResponse(result);
    } catch (err) {
      let error: ScimError;
      const headers: Record<string, string> = {};
      if (err instanceof ScimError) {
        error = err;
        if (err.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="SCIM"';
        if (err.status === 429) headers['Retry-After'] = String(retryAfter);
        // The rest of an oversized body was never read: the connection cannot carry another request.
        if (err.status === 413) headers.Connection = 'close';
      } else if (isDatabaseUnavailable(err)) {
        error = new ScimError(503, 'The database is temporarily unavailable; retry shortly.');
        headers['Retry-After'] = '5';
      } else {
        const reference = Math.random().toString(36).slice(2, 10);
        console.error(`[scim] ${req.method} ${url.pathname} failed (reference ${reference}):`, err);
        error = new ScimError(500, `Internal error (reference ${reference}); the request was not applied.`);
      }
      status = error.status;
      errorDetail = error.message;
      response = scimErrorResponse(error, headers);
    }

    const durationMs = Math.round(performance.now() - started);
    const usedToken = token;
    // Client text (filters, unknown keys, ids) may hold unpaired surrogates, which
    // PostgreSQL's jsonb refuses; the activity row must be written all the same.
    const text = (value: string | undefined) => value?.toWellFormed();
    // Neither write delays the response: the token's last use is throttled to a
    // write a minute, and the activity log commits in batches (services/activity).
    if (usedToken) void touchInfraToken(usedToken).catch(() => {});
    void recordActivity({
      kind: 'SCIM',
      action: note.action ?? defaultAction,
      status,
      method: req.method,
      path: (url.pathname + url.search).slice(0, 2000),
      durationMs,
      tokenId: usedToken?.id,
      tokenLabel: usedToken?.label,
      resourceType: note.resourceType,
      resourceId: text(note.resourceId),
      resourceName: text(note.resourceName),
      summary: text(note.summary ?? errorDetail) ?? '',
      details: {
        ...(note.changed?.length ? { changed: note.changed.map((c) => c.toWellFormed()) } : {}),
        ...(note.ignored?.length ? { ignored: note.ignored.map((i) => i.toWellFormed()) } : {}),
        ...(errorDetail ? { error: errorDetail.toWellFormed() } : {}),
        userAgent: (req.headers.get('user-agent') ?? '').slice(0, 200).toWellFormed(),
      },
    });
    return response;
  };
}

/** A 405 in SCIM's own format, with the Allow header RFC 9110 §15.5.6 requires. */
export function notAllowed(ctx: ScimContext, allowed: string[], detail?: string): ScimResult {
  const error = new ScimError(405, detail ?? `${ctx.req.method} is not supported on ${ctx.url.pathname}; use ${allowed.join(', ')}.`);
  return { status: 405, body: error.toJSON(), headers: { Allow: allowed.join(', ') } };
}

/** The handler of methods a route does not support. */
export function methodNotAllowed(allowed: string[]) {
  return scimRoute('method.not-allowed', async (ctx) => notAllowed(ctx, allowed));
}
