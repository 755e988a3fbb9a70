import { SectionsPageSkeleton } from '@/components/shell/page-skeletons';

export default function Loading() {
  return <SectionsPageSkeleton label="Loading entry" sections={2} />;
}
