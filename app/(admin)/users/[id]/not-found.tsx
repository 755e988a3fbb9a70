import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function UserNotFound() {
  return (
    <EmptyState title="User not found" action={<Link href="/users" className="text-sm text-brand-700 underline dark:text-brand-100">Back to Users</Link>}>
      This user does not exist, or was deleted by your IdP.
    </EmptyState>
  );
}
