import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { AdminHome } from './home.tsx';

/** The administrator's console (市财政局), under /console (not /admin: the API's administrator endpoints live there). */
export default function AdminPages() {
  return (
    <Routes>
      <Route index element={<AdminHome />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
