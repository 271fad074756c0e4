import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { Inbox } from './inbox.tsx';
import { RequestReviewPage } from './request-review.tsx';

/** The district reviewer's pages (区财政局), under /review. */
export default function ReviewPages() {
  return (
    <Routes>
      <Route index element={<Inbox />} />
      <Route path=":id" element={<RequestReviewPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
