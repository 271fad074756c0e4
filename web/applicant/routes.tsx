import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { CollectionStart } from './collection/collection-start.tsx';
import { CollectionWizard } from './collection/collection-wizard.tsx';
import { ChangePage } from './change.tsx';
import { ChangeEditor } from './change-editor.tsx';
import { ContinuingEducation } from './continuing-education.tsx';
import { MyRecord } from './record.tsx';
import { RequestStatusPage } from './request-status.tsx';
import { TransferCorrection } from './transfer/transfer-correction.tsx';
import { TransferPage } from './transfer/transfer-page.tsx';
import { MyRequests } from './requests.tsx';
import { Welcome } from './welcome.tsx';
import './applicant.css';

/** The accountant's pages (会计人员), under /applicant. */
export default function ApplicantPages() {
  return (
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
  );
}
