import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function GroupNotFound() {
  return (
    <EmptyState title="Group not found" action={<Link href="/groups" className="text-sm text-brand-700 underline dark:text-brand-100">Back to Groups</Link>}>
      This group does not exist, or was deleted by your IdP.
    </EmptyState>
  );
}
