/** Start-up checks and migrations (called from instrumentation.ts). */
import { authSecret } from '../auth/secret';
import { getDb } from '../db';
import { databaseMode } from './env';

export async function startServer(): Promise<void> {
  try {
    authSecret(); // production refuses to start without NEXTAUTH_SECRET
    const db = await getDb();
    console.log(`[roster] database: ${db.describe} (${databaseMode()} mode), migrations up to date`);
  } catch (err) {
    console.error(`\n[roster] cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
