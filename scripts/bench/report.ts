/**
 * Turns the measurements of every run into the report: medians per scenario,
 * ratios to the framework floor and to the bare baseline (computed within
 * each run, then the median taken), the issue-6 targets as pass/fail, and the
 * printed table.
 */
import type { Plan } from './explain';
import type { ImportResult, Measurement } from './measure';
import type { Scenario } from './scenarios';

export interface Summary {
  id: string;
  title: string;
  runs: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
  vsFloor: number;
  vsBare: number;
  bareReference: string;
  appCpuMs: number | null;
  pgCpuMs: number | null;
  rssPeakMb: number;
  foreignCpuPct: number;
  clientCpuPct: number;
  notes: string[];
}

export interface TargetResult {
  target: string;
  measured: string;
  pass: boolean | null;
  detail?: string;
}

export function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const medianOrNull = (values: (number | null)[]) => (values.every((v) => v === null) ? null : median(values.filter((v): v is number => v !== null)));

export function summarize(measurements: Measurement[], scenarios: Pick<Scenario, 'id' | 'bare'>[]): Summary[] {
  const byRun = (run: number, id: string) => measurements.find((m) => m.run === run && m.id === id);
  const ids = [...new Set(measurements.map((m) => m.id))];
  return ids.map((id) => {
    const ms = measurements.filter((m) => m.id === id);
    const bare = scenarios.find((s) => s.id === id)?.bare ?? 'bare.get';
    const statuses: Record<string, number> = {};
    for (const m of ms) for (const [k, v] of Object.entries(m.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    return {
      id,
      title: ms[0].title,
      runs: ms.length,
      rps: median(ms.map((m) => m.rps)),
      p50: median(ms.map((m) => m.latencyMs.p50)),
      p95: median(ms.map((m) => m.latencyMs.p95)),
      p99: median(ms.map((m) => m.latencyMs.p99)),
      errors: ms.reduce((s, m) => s + m.errors, 0),
      statuses,
      vsFloor: median(ms.map((m) => m.rps / (byRun(m.run, 'floor')?.rps ?? NaN))),
      vsBare: median(ms.map((m) => m.rps / (byRun(m.run, bare)?.rps ?? NaN))),
      bareReference: bare,
      appCpuMs: medianOrNull(ms.map((m) => m.appCpuMs)),
      pgCpuMs: medianOrNull(ms.map((m) => m.pgCpuMs)),
      rssPeakMb: Math.max(...ms.map((m) => m.rssPeakMb)),
      foreignCpuPct: median(ms.map((m) => m.foreignCpuPct)),
      clientCpuPct: median(ms.map((m) => m.clientCpuPct)),
      notes: [...new Set(ms.map((m) => m.note).filter((n): n is string => Boolean(n)))],
    };
  });
}

/** Per-run ratio of two scenarios' values, then the median over runs. */
function ratio(measurements: Measurement[], a: string, b: string, value: (m: Measurement) => number): number {
  const runs = [...new Set(measurements.map((m) => m.run))];
  return median(
    runs.map((run) => {
      const ma = measurements.find((m) => m.run === run && m.id === a);
      const mb = measurements.find((m) => m.run === run && m.id === b);
      return ma && mb ? value(ma) / value(mb) : NaN;
    }),
  );
}

/** App-server plus PostgreSQL CPU per request: the cost, steadier than latency on a shared machine. */
const serverCpu = (m: Measurement) => (m.appCpuMs ?? NaN) + (m.pgCpuMs ?? 0);

const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

export function evaluateTargets(measurements: Measurement[], summaries: Summary[], plans: Plan[], imports: ImportResult[], users: number): TargetResult[] {
  const s = (id: string) => summaries.find((x) => x.id === id);
  const out: TargetResult[] = [];
  const atLeast = (id: string, min: number, label: string) => {
    const x = s(id);
    if (!x) return;
    out.push({ target: `${label}: ≥ ${min} × floor req/s`, measured: `${f2(x.vsFloor)} × floor`, pass: x.vsFloor >= min });
  };
  atLeast('scim.eq', 0.7, 'userName eq filter');
  atLeast('scim.get', 0.7, 'GET by id');
  atLeast('scim.post', 0.4, 'POST /Users');
  atLeast('scim.put', 0.4, 'PUT /Users/{id}');
  atLeast('scim.patch', 0.4, 'PATCH deactivate/reactivate');
  atLeast('scim.page.first', 0.2, 'import page of 100 (first page)');
  atLeast('scim.page.last', 0.2, 'import page of 100 (last page)');

  if (s('scim.page.first') && s('scim.page.last')) {
    const cpu = ratio(measurements, 'scim.page.last', 'scim.page.first', serverCpu);
    const lat = ratio(measurements, 'scim.page.last', 'scim.page.first', (m) => m.latencyMs.p50);
    out.push({
      target: 'last page costs ≤ 1.5 × first page (server CPU per request)',
      measured: `${f2(cpu)} ×`,
      pass: cpu <= 1.5,
      detail: `p50 latency ${f2(lat)} ×; at ${users.toLocaleString('en-US')} users, the target is stated for 1M`,
    });
  }
  const coPlans = plans.filter((p) => p.id.startsWith('co.'));
  if (coPlans.length) {
    const seq = coPlans.filter((p) => p.seqScanOnUsers).map((p) => p.id);
    out.push({ target: '`co` filter on emails uses an index (plan)', measured: seq.length ? `Seq Scan on users in ${seq.join(', ')}` : 'index', pass: seq.length === 0 });
  }
  if (s('scim.co') && s('scim.eq')) {
    const r = ratio(measurements, 'scim.co', 'scim.eq', (m) => m.latencyMs.p50);
    const cpu = ratio(measurements, 'scim.co', 'scim.eq', serverCpu);
    out.push({ target: '`co` latency ≤ 10 × `eq` latency (p50)', measured: `${f2(r)} ×`, pass: r <= 10, detail: `server CPU per request ${f2(cpu)} ×` });
  }
  if (s('scim.group.big') && s('scim.group.small')) {
    const cpu = ratio(measurements, 'scim.group.big', 'scim.group.small', serverCpu);
    const lat = ratio(measurements, 'scim.group.big', 'scim.group.small', (m) => m.latencyMs.p50);
    out.push({
      target: 'add member to 100k group ≈ to 10-member group (server CPU per request, ≤ 1.25 ×)',
      measured: `${f2(cpu)} ×`,
      pass: cpu <= 1.25,
      detail: `p50 latency ${f2(lat)} ×`,
    });
  }
  if (s('admin.users.big') && s('admin.users.small')) {
    const r = ratio(measurements, 'admin.users.big', 'admin.users.small', (m) => m.latencyMs.p50);
    const cpu = ratio(measurements, 'admin.users.big', 'admin.users.small', serverCpu);
    const notes = [...(s('admin.users.big')?.notes ?? []), ...(s('admin.users.small')?.notes ?? [])];
    out.push({
      target: 'admin Users page at N users ≤ 1.5 × at 1k (p50)',
      measured: `${f2(r)} ×`,
      pass: notes.length ? null : r <= 1.5,
      detail: notes.length ? `not conclusive: ${notes[0]}` : `server CPU per request ${f2(cpu)} ×`,
    });
  }
  const app = summaries.filter((x) => !x.id.startsWith('bare.'));
  if (app.length) {
    const peak = Math.max(...app.map((x) => x.rssPeakMb));
    out.push({ target: 'server memory < 400 MB under load (peak RSS, all server processes)', measured: `${peak.toFixed(0)} MB`, pass: peak < 400 });
  }
  if (imports.length) {
    const ok = imports.every((i) => i.errors === 0 && i.duplicates === 0 && i.missing === 0);
    const secs = median(imports.map((i) => i.seconds));
    out.push({
      target: `whole import of ${imports[0].users.toLocaleString('en-US')} users (${imports[0].pages} pages of 100) finishes, nothing lost or repeated`,
      measured: `${secs.toFixed(1)} s`,
      pass: ok,
      detail: ok ? undefined : imports.map((i) => `run ${i.run}: ${i.errors} errors, ${i.duplicates} duplicates, ${i.missing} missing`).join('; '),
    });
  }
  const eqPlans = plans.filter((p) => p.id.startsWith('eq.'));
  if (eqPlans.length) {
    const seq = eqPlans.filter((p) => p.seqScanOnUsers).map((p) => p.id);
    out.push({ target: '(diagnostic) `userName eq` uses the user_name_key index (plan)', measured: seq.length ? `Seq Scan on users in ${seq.join(', ')}` : 'index', pass: seq.length === 0 });
  }
  return out;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

export function table(rows: string[][], rightFrom = 1): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => pad(c, widths[i], i >= rightFrom)).join('  ').trimEnd()).join('\n');
}

const n0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const n1 = (n: number | null) => (n !== null && Number.isFinite(n) ? n.toFixed(1) : '—');
const n2 = (n: number | null) => (n !== null && Number.isFinite(n) ? n.toFixed(2) : '—');

export function formatSummaries(summaries: Summary[]): string {
  const head = ['scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', '×floor', '×bare', 'app ms/req', 'pg ms/req', 'RSS MB', 'client %', 'others %'];
  const rows = summaries.map((x) => [
    x.id,
    n0(x.rps),
    n1(x.p50),
    n1(x.p95),
    n1(x.p99),
    x.errors ? `${x.errors} (${Object.entries(x.statuses).filter(([k]) => !/^2|^304$/.test(k)).map(([k, v]) => `${k}:${v}`).join(' ')})` : '0',
    n2(x.vsFloor),
    n2(x.vsBare),
    n2(x.appCpuMs),
    n2(x.pgCpuMs),
    n0(x.rssPeakMb),
    n0(x.clientCpuPct),
    n0(x.foreignCpuPct),
  ]);
  return table([head, ...rows]);
}

export function formatTargets(targets: TargetResult[]): string {
  const rows = targets.map((t) => [t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL', t.target, t.measured + (t.detail ? ` (${t.detail})` : '')]);
  return table([['', 'target', 'measured'], ...rows], 99);
}
