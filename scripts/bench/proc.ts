/**
 * Resource accounting from /proc (Linux): CPU time of a process tree (the
 * app server and every descendant), of PostgreSQL backends, and of the whole
 * machine, plus resident memory. CPU time per request is steadier than
 * requests/s on a shared machine, and the machine-wide figure tells how much
 * of the run went to processes that are not ours (the noise).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const PAGE_SIZE = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
})();

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime + cutime + cstime, in clock ticks (reaped children included). */
  ticks: number;
  rssBytes: number;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone
  }
  // comm may contain spaces and parentheses: fields start after the LAST ')'.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const f = text.slice(close + 2).split(' ');
  // f[0] is field 3 (state): field n is f[n - 3].
  const num = (n: number) => Number(f[n - 3]);
  return { pid, ppid: num(4), comm, ticks: num(14) + num(15) + num(16) + num(17), rssBytes: num(24) * PAGE_SIZE };
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The process and all its descendants, read now. */
export function processTree(root: number): Stat[] {
  const stats = allPids()
    .map(readStat)
    .filter((s): s is Stat => s !== undefined);
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const rootStat = stats.find((s) => s.pid === root);
  if (!rootStat) return [];
  const out: Stat[] = [];
  const todo = [rootStat];
  while (todo.length) {
    const s = todo.pop()!;
    out.push(s);
    todo.push(...(children.get(s.pid) ?? []));
  }
  return out;
}

export function statsOf(pids: number[]): Stat[] {
  return pids.map(readStat).filter((s): s is Stat => s !== undefined);
}

/** CPU ticks per pid, for deltas that survive processes appearing and leaving. */
export type TickMap = Map<number, number>;

export function tickMap(stats: Stat[]): TickMap {
  return new Map(stats.map((s) => [s.pid, s.ticks]));
}

/** Seconds of CPU spent between two snapshots (a pid new in `after` counts from 0). */
export function cpuSecondsBetween(before: TickMap, after: TickMap): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks / CLK_TCK;
}

/** Machine-wide busy and total CPU time (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest is already in user)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = v;
  const busy = user + nice + system + irq + softirq + (steal ?? 0);
  return { busy: busy / CLK_TCK, total: (busy + idle + iowait) / CLK_TCK };
}

export function loadAverage(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}
