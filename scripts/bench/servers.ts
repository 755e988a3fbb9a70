/**
 * The servers under test: the production build of Roster (`next start`),
 * optionally served from a private copy of .next so a rebuild in the working
 * tree cannot pull chunks from under a running measurement, and the bare
 * baseline (scripts/bench/bare-server.ts). Each runs in its own process
 * group on a free loopback port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port';
import { createClient } from './load';

const ROOT = process.cwd();

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export interface BuildInfo {
  buildId: string;
  builtAt: string;
  /** Sources changed after the build (the server runs the older code). */
  stale: boolean;
}

/** Runs `next build` when asked or when there is no build; reports the build's age. */
export function ensureBuild(force: boolean, log: (line: string) => void): BuildInfo {
  const idFile = path.join(ROOT, '.next', 'BUILD_ID');
  if (force || !fs.existsSync(idFile)) {
    log(force ? 'next build (--build)…' : 'no production build in .next: running next build…');
    const result = spawnSync(path.join(ROOT, 'node_modules/.bin/next'), ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (result.status !== 0) throw new Error(`next build failed (${result.status})`);
  }
  const builtAt = fs.statSync(idFile).mtimeMs;
  const sources = ['app', 'lib', 'components', 'instrumentation.ts', 'proxy.ts', 'next.config.mjs'].map((p) => newestMtime(path.join(ROOT, p)));
  return { buildId: fs.readFileSync(idFile, 'utf8').trim(), builtAt: new Date(builtAt).toISOString(), stale: Math.max(...sources) > builtAt };
}

/**
 * A directory that serves a private copy of .next (without its cache): the
 * rest of the project is linked, so `next start` there behaves exactly as in
 * the working tree.
 */
export function snapshotBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-bench-app-'));
  fs.cpSync(path.join(ROOT, '.next'), path.join(dir, '.next'), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => !src.startsWith(path.join(ROOT, '.next', 'cache')),
  });
  for (const link of ['node_modules', 'prisma', 'public', 'package.json']) {
    if (fs.existsSync(path.join(ROOT, link))) fs.symlinkSync(path.join(ROOT, link), path.join(dir, link));
  }
  for (const file of fs.readdirSync(ROOT).filter((f) => /^next\.config\./.test(f))) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  return dir;
}


export interface RunningServer {
  name: string;
  port: number;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

async function waitReady(child: ChildProcess, port: number, paths: string[], output: () => string, timeoutMs = 120_000): Promise<void> {
  const client = createClient(port, 1);
  const deadline = Date.now() + timeoutMs;
  try {
    for (const p of paths) {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
        const reply = await client.send({ method: 'GET', path: p }, { timeoutMs: 5_000 });
        if (reply.status === 200) break;
        if (Date.now() > deadline) throw new Error(`server did not answer 200 on ${p}:\n${output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    client.close();
  }
}

function spawnServer(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const keep = (d: Buffer) => {
    output += d.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }
  };
}

/** `next start` on a free port of 127.0.0.1, ready once /api/health answers (database open and migrated). */
export async function startApp(name: string, appDir: string, env: NodeJS.ProcessEnv, cpuProfDir?: string): Promise<RunningServer> {
  const port = await freePort();
  // --cpu-prof is refused in NODE_OPTIONS: it goes on node's own command line (next start serves in this one process).
  const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const { child, output } = spawnServer(
    name,
    process.execPath,
    [...profile, path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)],
    { ...env, PORT: String(port), NODE_ENV: 'production' },
    appDir,
  );
  const stop = stopper(child);
  try {
    await waitReady(child, port, ['/api/health/live', '/api/health'], output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { name, port, pid: child.pid!, output, stop };
}

/** The bare node:http + pg baseline on a free port. */
export async function startBare(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const port = await freePort();
  const { child, output } = spawnServer('bare', process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench/bare-server.ts')], { ...env, PORT: String(port) }, ROOT);
  const stop = stopper(child);
  try {
    await waitReady(child, port, ['/health'], output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { name: 'bare', port, pid: child.pid!, output, stop };
}

/** Signs in through next-auth's credentials flow; returns the Cookie header of the session. */
export async function signIn(port: number, email: string, password: string): Promise<string> {
  const client = createClient(port, 1);
  try {
    const jar = new Map<string, string>();
    const keep = (setCookie: string[] | undefined) => {
      for (const c of setCookie ?? []) {
        const [pair] = c.split(';');
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = await client.send({ method: 'GET', path: '/api/auth/csrf' }, { keepBody: true });
    if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
    keep(csrf.headers?.['set-cookie']);
    const { csrfToken } = JSON.parse(csrf.body!) as { csrfToken: string };
    const origin = `http://127.0.0.1:${port}`;
    const form = new URLSearchParams({ email, password, csrfToken, callbackUrl: `${origin}/users`, json: 'true' }).toString();
    const reply = await client.send(
      {
        method: 'POST',
        path: '/api/auth/callback/password',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie(), Origin: origin },
        body: form,
      },
      { keepBody: true },
    );
    keep(reply.headers?.['set-cookie']);
    if (![...jar.keys()].some((k) => k.includes('session-token'))) {
      throw new Error(`sign-in gave no session cookie (status ${reply.status}): ${reply.body?.slice(0, 300)}`);
    }
    return cookie();
  } finally {
    client.close();
  }
}
