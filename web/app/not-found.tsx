import { lazy, Suspense } from 'react';
import { Loading } from './states.tsx';

// antd's Result (with its illustrations) loads only when an address is no page.
const NotFoundPage = lazy(async () => ({ default: (await import('./not-found-page.tsx')).NotFoundPage }));

export function NotFound() {
  return (
    <Suspense fallback={<Loading />}>
      <NotFoundPage />
    </Suspense>
  );
}
