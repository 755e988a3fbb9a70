#!/usr/bin/env node
/**
 * The whole test suite, in the order that fails fastest:
 *   type check → lint → unit tests → Prisma CLI offline check → production build →
 *   integration tests over HTTP (PGlite, and PostgreSQL when TEST_DATABASE_URL is set) →
 *   resilience tests (own servers: two instances, database outage, SIGKILL, rate limits) →
 *   Playwright end-to-end in Debian's Chromium.
 * Each step's time is printed; the first failure stops the run with its exit code.
 * Skip steps with e.g. ROSTER_TEST_SKIP=lint,e2e (for local iteration only).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const skip = new Set((process.env.ROSTER_TEST_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const timings = [];

function run(name, command, args, extraEnv = {}) {
  if (skip.has(name.split(' ')[0])) {
    console.log(`\n=== ${name}: skipped (ROSTER_TEST_SKIP)`);
    return;
  }
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name}: ${seconds}s`);
  if (result.status !== 0) {
    console.error(`\n=== ${name} FAILED after ${seconds}s (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

function ensureChromium() {
  if (process.env.CHROMIUM_PATH || existsSync('/usr/bin/chromium')) return;
  console.log('\n=== Installing Debian chromium for the end-to-end tests');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = asRoot ? [] : ['sudo'];
  for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'chromium']]) {
    const cmd = [...sudo, ...args];
    const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      console.error('Could not install chromium; install it (apt-get install chromium) or set CHROMIUM_PATH.');
      process.exit(1);
    }
  }
}

/** The standard Prisma CLI, offline, against a scratch PostgreSQL database (dropped afterwards). */
async function checkPrismaOffline() {
  if (!process.env.TEST_DATABASE_URL) {
    run('prisma', 'bash', ['scripts/check-prisma-offline.sh']);
    return;
  }
  const url = new URL(process.env.TEST_DATABASE_URL);
  const scratch = `roster_prisma_check_${process.pid}`;
  url.pathname = `/${scratch}`;
  try {
    run('prisma', 'bash', ['scripts/check-prisma-offline.sh'], { DATABASE_URL: url.toString() });
  } finally {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await client.end();
  }
}

run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
run('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
run('unit', 'npx', ['vitest', 'run', '--project', 'unit']);
await checkPrismaOffline();
run('build', 'npx', ['next', 'build']);
run('integration (PGlite)', 'npx', ['vitest', 'run', '--project', 'integration'], { ROSTER_TEST_DB: 'pglite' });
if (process.env.TEST_DATABASE_URL) {
  run('integration (PostgreSQL)', 'npx', ['vitest', 'run', '--project', 'integration'], { ROSTER_TEST_DB: 'postgres' });
} else {
  console.log('\n=== integration (PostgreSQL): skipped, TEST_DATABASE_URL is not set');
}
// Two instances, database outage, SIGKILL, rate limits (the PostgreSQL parts need TEST_DATABASE_URL).
run('resilience', 'npx', ['vitest', 'run', '--project', 'resilience']);
if (!skip.has('e2e')) ensureChromium();
run('e2e', 'npx', ['playwright', 'test']);

console.log(`\nAll tests passed.\n${timings.map((t) => `  ${t}`).join('\n')}`);
