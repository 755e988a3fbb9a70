/**
 * Helpers for the resilience tests: SCIM calls with a deadline, a bounded
 * load loop, and a TCP proxy that can cut the app off from PostgreSQL the
 * way a database restart does (every connection dropped, new ones refused).
 */
import net from 'node:net';

export interface Call {
  status: number;
  ms: number;
  body: Record<string, unknown> | undefined;
  retryAfter: string | null;
}

export async function call(origin: string, token: string, method: string, path: string, body?: unknown, timeoutMs = 20_000): Promise<Call> {
  const started = Date.now();
  const res = await fetch(`${origin}/scim/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, ms: Date.now() - started, body: text ? JSON.parse(text) : undefined, retryAfter: res.headers.get('retry-after') };
}

export function userBody(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: 'Load', familyName: 'Test' },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}

/** Runs `worker` in `clients` parallel loops until `durationMs` has passed (bounded by `maxCalls`). */
export async function load(clients: number, durationMs: number, maxCalls: number, worker: (i: number) => Promise<void>): Promise<void> {
  const until = Date.now() + durationMs;
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until && n < maxCalls) await worker(n++);
    }),
  );
}

export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  async start(port = this.port): Promise<number> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** The database "goes down": live connections are cut and new ones refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
