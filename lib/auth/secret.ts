/**
 * The session-signing secret. Production (DATABASE_URL set) must configure
 * NEXTAUTH_SECRET; the embedded mode generates one on first start and keeps
 * it in the data directory (mode 0600) so sessions survive restarts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databaseMode, dataDir } from '../server/env';

let cached: string | undefined;

export class MissingSecretError extends Error {}

export function authSecret(): string {
  if (cached) return cached;
  const configured = (process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET)?.trim();
  if (configured) return (cached = configured);
  if (databaseMode() === 'postgres') {
    throw new MissingSecretError(
      'NEXTAUTH_SECRET is required when DATABASE_URL is set (every instance must share it). Generate one with: openssl rand -base64 32',
    );
  }
  const file = path.join(dataDir(), 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir(), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return (cached = fs.readFileSync(file, 'utf8').trim());
}
