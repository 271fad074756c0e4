/** antd Card's loading placeholder, fetched the first time a card with `loading` renders (see onDemand in web/vite.config.ts). */
import type { SkeletonProps } from 'antd';
import { lazy, Suspense } from 'react';

const Skeleton = lazy(() => import('antd/es/skeleton'));

export default function CardSkeleton(props: SkeletonProps) {
  return (
    <Suspense fallback={null}>
      <Skeleton {...props} />
    </Suspense>
  );
}
