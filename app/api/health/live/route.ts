/** Liveness: the process serves requests. Touches nothing (also the benchmark's framework floor). */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
