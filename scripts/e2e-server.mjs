#!/usr/bin/env node
/**
 * Serves the production build for the end-to-end tests on a brand-new
 * instance: a fresh embedded data directory (or, with E2E_DATABASE_URL, that
 * PostgreSQL database), so every run starts at first-run set-up.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = process.argv[2] ?? '3100';
// The server's Node options as `npm start` runs it (package.json config.serverNodeOptions).
const SERVER_NODE_OPTIONS = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).config.serverNodeOptions;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-e2e-'));
const env = { ...process.env, PORT: port, ROSTER_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1', NODE_OPTIONS: SERVER_NODE_OPTIONS };
delete env.DATABASE_URL;
if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;
if (env.DATABASE_URL && !env.NEXTAUTH_SECRET) env.NEXTAUTH_SECRET = 'e2e-secret-not-for-production-0123456789';

const server = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', port], { stdio: 'inherit', env });
const stop = () => server.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
