import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { Welcome } from './welcome.tsx';

/** The accountant's pages (会计人员), under /applicant. */
export default function ApplicantPages() {
  return (
    <Routes>
      <Route index element={<Welcome />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
