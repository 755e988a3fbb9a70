/**
 * The load loop: a fixed number of clients, each sending one request at a
 * time over its own keep-alive connection, for a warm-up and then a fixed
 * measured window. Bounded in time and in count; talks to 127.0.0.1 only.
 * A request counts when it STARTS inside the window; the window closes when
 * the last of those has answered.
 */
import http from 'node:http';

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Reply {
  status: number;
  /** Only when the scenario asked for bodies. */
  body?: string;
  error?: string;
  headers?: http.IncomingHttpHeaders;
}

export interface LoadOptions {
  port: number;
  clients: number;
  warmupMs: number;
  durationMs: number;
  /** Hard cap on measured requests (a runaway fast endpoint stays bounded). */
  maxRequests?: number;
  timeoutMs?: number;
  /** The next request of client `worker`. */
  next: (worker: number) => RequestSpec;
  /** Sees every reply (state tracking, e.g. who is deactivated); bodies only with keepBodies. */
  onReply?: (worker: number, spec: RequestSpec, reply: Reply) => void;
  keepBodies?: boolean;
  /** Called when the measured window opens and after it closed (resource snapshots). */
  onWindowStart?: () => void | Promise<void>;
  onWindowEnd?: () => void | Promise<void>;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  /** Replies by status ("200", "404", "ERR:ECONNRESET"…). */
  statuses: Record<string, number>;
  /** Everything that is not 2xx (or 304). */
  errors: number;
  /** The measured window on the monotonic clock (µs), to slice a server CPU profile. */
  windowUs: [number, number];
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export function createClient(port: number, clients: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients, scheduling: 'fifo' });
  function send(spec: RequestSpec, { keepBody = false, timeoutMs = 30_000 } = {}): Promise<Reply> {
    return new Promise((resolve) => {
      const headers: Record<string, string | number> = { ...spec.headers };
      if (spec.body !== undefined) headers['Content-Length'] = Buffer.byteLength(spec.body);
      const req = http.request({ host: '127.0.0.1', port, method: spec.method, path: spec.path, headers, agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        if (keepBody) res.on('data', (c: Buffer) => chunks.push(c));
        else res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: keepBody ? Buffer.concat(chunks).toString('utf8') : undefined, headers: res.headers }));
        res.on('error', (err: NodeJS.ErrnoException) => resolve({ status: 0, error: err.code ?? err.message }));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: 0, error: err.code ?? err.message }));
      req.end(spec.body);
    });
  }
  return { send, close: () => agent.destroy() };
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const client = createClient(o.port, o.clients);
  const maxRequests = o.maxRequests ?? 2_000_000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const t0 = performance.now();
  const windowStart = t0 + o.warmupMs;
  const deadline = windowStart + o.durationMs;
  let lastEnd = windowStart;
  let started = 0;
  let opened = false;
  let openedAt = windowStart;
  let openedUs = monotonicUs();
  const opening = new Promise<void>((resolve) => {
    setTimeout(async () => {
      opened = true;
      openedAt = performance.now();
      openedUs = monotonicUs();
      await o.onWindowStart?.();
      resolve();
    }, o.warmupMs);
  });

  async function worker(w: number) {
    for (;;) {
      const now = performance.now();
      if (now >= deadline || started >= maxRequests) return;
      const measured = opened;
      if (measured) started++;
      const spec = o.next(w);
      const begin = performance.now();
      const reply = await client.send(spec, { keepBody: o.keepBodies, timeoutMs: o.timeoutMs });
      const end = performance.now();
      o.onReply?.(w, spec, reply);
      if (!measured) continue;
      latencies.push(end - begin);
      lastEnd = Math.max(lastEnd, end);
      const key = reply.error ? `ERR:${reply.error}` : String(reply.status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (reply.error || reply.status < 200 || (reply.status >= 300 && reply.status !== 304)) errors++;
    }
  }

  await Promise.all([opening, ...Array.from({ length: o.clients }, (_, w) => worker(w))]);
  const closedUs = monotonicUs();
  await o.onWindowEnd?.();
  client.close();
  const sorted = Float64Array.from(latencies).sort();
  const seconds = (Math.max(lastEnd, deadline) - openedAt) / 1000;
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      mean: latencies.length ? sum / latencies.length : NaN,
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
    },
    statuses,
    errors,
    windowUs: [openedUs, closedUs],
  };
}
