import { Badge } from '@/components/ui/badge';

export function UserStatusBadge({ active }: { active: boolean }) {
  return active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Deprovisioned</Badge>;
}

export function UserSourceBadge({ source }: { source: 'SCIM' | 'LOCAL' }) {
  return source === 'SCIM' ? <Badge tone="brand">SCIM</Badge> : <Badge tone="zinc">Local</Badge>;
}

export function UserRoleBadge({ role }: { role: 'ADMIN' | 'MEMBER' }) {
  return role === 'ADMIN' ? <Badge tone="amber">Admin</Badge> : <span className="text-zinc-600 dark:text-zinc-400">Member</span>;
}
