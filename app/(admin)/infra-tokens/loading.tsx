import { TablePageSkeleton } from '@/components/shell/page-skeletons';

export default function Loading() {
  return <TablePageSkeleton label="Loading InfraTokens" rows={4} />;
}
