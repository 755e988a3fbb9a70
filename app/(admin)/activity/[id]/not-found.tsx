import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function EntryNotFound() {
  return (
    <EmptyState title="Entry not found" action={<Link href="/activity" className="text-sm text-brand-700 underline dark:text-brand-100">Back to Activity</Link>}>
      There is no activity entry with this number.
    </EmptyState>
  );
}
