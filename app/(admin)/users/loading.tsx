import { TablePageSkeleton } from '@/components/shell/page-skeletons';

export default function Loading() {
  return <TablePageSkeleton label="Loading users" />;
}
