import { type ComponentType, lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { Loading } from '../app/states.tsx';
import { Welcome } from './welcome.tsx';
import './applicant.css';

/** Each page its own chunk: a phone opening the welcome page loads neither the form nor the tables. */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const CollectionStart = page(() => import('./collection/collection-start.tsx'), 'CollectionStart');
const CollectionWizard = page(() => import('./collection/collection-wizard.tsx'), 'CollectionWizard');
const MyRequests = page(() => import('./requests.tsx'), 'MyRequests');
const RequestStatusPage = page(() => import('./request-status.tsx'), 'RequestStatusPage');
const ChangePage = page(() => import('./change.tsx'), 'ChangePage');
const ChangeEditor = page(() => import('./change-editor.tsx'), 'ChangeEditor');
const TransferPage = page(() => import('./transfer/transfer-page.tsx'), 'TransferPage');
const TransferCorrection = page(() => import('./transfer/transfer-correction.tsx'), 'TransferCorrection');
const MyRecord = page(() => import('./record.tsx'), 'MyRecord');
const ContinuingEducation = page(() => import('./continuing-education.tsx'), 'ContinuingEducation');

/** The accountant's pages (会计人员), under /applicant. */
export default function ApplicantPages() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<Welcome />} />
        <Route path="collection" element={<CollectionStart />} />
        <Route path="collection/:id" element={<CollectionWizard />} />
        <Route path="requests" element={<MyRequests />} />
        <Route path="requests/:id" element={<RequestStatusPage />} />
        <Route path="change" element={<ChangePage />} />
        <Route path="change/:id" element={<ChangeEditor />} />
        <Route path="transfer" element={<TransferPage />} />
        <Route path="transfer/:id" element={<TransferCorrection />} />
        <Route path="record" element={<MyRecord />} />
        <Route path="continuing-education" element={<ContinuingEducation />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
