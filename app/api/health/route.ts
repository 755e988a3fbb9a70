/** Readiness: 200 when the database answers, 503 otherwise (for load balancers). */
import { getDb } from '@/lib/db';

export const dynamic = 'force-dynamic';

export async function GET() {
  const started = performance.now();
  try {
    const db = await getDb();
    await db.sql.query('SELECT 1');
    return Response.json(
      { status: 'ok', database: 'up', latencyMs: Math.round(performance.now() - started) },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (err) {
    console.error('[health] database unreachable:', err instanceof Error ? err.message : err);
    return Response.json({ status: 'unavailable', database: 'down' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
