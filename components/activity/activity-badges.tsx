import { Badge, type BadgeTone } from '@/components/ui/badge';

const KIND_TONE: Record<string, BadgeTone> = { SCIM: 'brand', ADMIN: 'amber', AUTH: 'zinc', SYSTEM: 'zinc' };

export function KindBadge({ kind }: { kind: string }) {
  return <Badge tone={KIND_TONE[kind] ?? 'zinc'}>{kind}</Badge>;
}

/** HTTP status, red from 400 up ("errors only" shows exactly these). */
export function StatusBadge({ status }: { status: number | null }) {
  if (status === null) return null;
  return <Badge tone={status >= 500 ? 'red' : status >= 400 ? 'red' : 'green'}>{status}</Badge>;
}
