import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { Loading } from '../app/states.tsx';
import { Inbox } from './inbox.tsx';

// A request's review (its form, materials and images) is its own chunk: the inbox opens without it.
const RequestReviewPage = lazy(async () => ({ default: (await import('./request-review.tsx')).RequestReviewPage }));
const UnitsPage = lazy(async () => ({ default: (await import('../units/units-page.tsx')).UnitsPage }));

/** The district reviewer's pages (区财政局), under /review. */
export default function ReviewPages() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<Inbox />} />
        <Route path="units" element={<UnitsPage />} />
        <Route path=":id" element={<RequestReviewPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
