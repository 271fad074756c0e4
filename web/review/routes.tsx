import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { ReviewHome } from './home.tsx';

/** The district reviewer's pages (区财政局), under /review. */
export default function ReviewPages() {
  return (
    <Routes>
      <Route index element={<ReviewHome />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
