import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { UnitHome } from './home.tsx';

/** An employer unit's pages (用人单位), under /unit. */
export default function UnitPages() {
  return (
    <Routes>
      <Route index element={<UnitHome />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
