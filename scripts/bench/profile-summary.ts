/**
 * Summarizes a V8 CPU profile of the app server (`npm run bench -- --cpu-prof`):
 * where the self time went, by function and by origin (a package in
 * node_modules, the Next.js server, our bundled code, Node internals, GC).
 *
 *   npx tsx scripts/bench/profile-summary.ts bench-results/prof-…/CPU….cpuprofile [top=30]
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSlice {
  /** Monotonic clock in µs (process.hrtime / 1000), the clock V8 stamps samples with. */
  fromUs?: number;
  toUs?: number;
}

export interface ProfileBreakdown {
  sampledMs: number;
  /** Share of the sampled time by origin, in %. */
  origins: Record<string, number>;
  text: string;
}

function origin(url: string, name: string): string {
  if (name === '(garbage collector)') return '(gc)';
  if (name === '(idle)' || name === '(program)') return name;
  if (!url) return '(native/vm)';
  if (url.startsWith('node:')) return 'node internals';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m && !url.includes('/.next/')) return m[1];
  if (url.includes('/.next/server/chunks/') || url.includes('/.next/server/app/')) return '.next bundle (our code, bundled deps)';
  return url.replace(/^file:\/\//, '');
}

export function summarizeProfile(file: string, top = 30, slice: ProfileSlice = {}): ProfileBreakdown {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if ((slice.fromUs !== undefined && at < slice.fromUs) || (slice.toUs !== undefined && at > slice.toUs)) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || '(anonymous)';
    const where = url ? `${url.replace(/^.*\/(node_modules|\.next)\//, '$1/')}:${lineNumber + 1}` : '';
    byFunction.set(`${name} ${where}`, (byFunction.get(`${name} ${where}`) ?? 0) + us);
    const o = origin(url, name);
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + us);
  }
  const fmt = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  const origins = Object.fromEntries([...byOrigin].sort((a, b) => b[1] - a[1]).map(([k, us]) => [k, Math.round((1000 * us) / Math.max(1, total)) / 10]));
  return {
    sampledMs: total / 1000,
    origins,
    text: `${(total / 1e6).toFixed(1)} s sampled\n\nself time by origin:\n${fmt(byOrigin, 15)}\n\nself time by function:\n${fmt(byFunction, top)}`,
  };
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(`${file}: ${summarizeProfile(file, Number(top ?? 30)).text}`);
}
