import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { Inbox } from './inbox.tsx';

/** The district reviewer's pages (区财政局), under /review. */
export default function ReviewPages() {
  return (
    <Routes>
      <Route index element={<Inbox />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
