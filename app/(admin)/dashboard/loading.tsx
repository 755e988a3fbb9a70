import { CardsPageSkeleton } from '@/components/shell/page-skeletons';

export default function Loading() {
  return <CardsPageSkeleton label="Loading dashboard" />;
}
