import { type ComponentType, lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { NotFound } from '../app/not-found.tsx';
import { Loading } from '../app/states.tsx';
import { ConsoleLayout } from './console-layout.tsx';

/** Each page its own chunk: ECharts loads with the statistics page only. */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const StatisticsPage = page(() => import('./statistics.tsx'), 'StatisticsPage');
const PeoplePage = page(() => import('./people.tsx'), 'PeoplePage');
const PersonRecordPage = page(() => import('./person-record.tsx'), 'PersonRecordPage');
const ImportPage = page(() => import('./ce-import.tsx'), 'ContinuingEducationImportPage');
const ArchiveImportPage = page(() => import('./archive-import.tsx'), 'ArchiveImportPage');
const AccessLogPage = page(() => import('./access-log.tsx'), 'AccessLogPage');
const StaffPage = page(() => import('./staff.tsx'), 'StaffPage');
const UnitsPage = page(() => import('../units/units-page.tsx'), 'UnitsPage');

/** The administrator's console (市财政局), under /console (not /admin: the API's administrator endpoints live there). */
export default function AdminPages() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<ConsoleLayout />}>
          <Route index element={<StatisticsPage />} />
          <Route path="people" element={<PeoplePage />} />
          <Route path="people/:personId" element={<PersonRecordPage />} />
          <Route path="continuing-education" element={<ImportPage />} />
          <Route path="archive-import" element={<ArchiveImportPage />} />
          <Route path="access-log" element={<AccessLogPage />} />
          <Route path="units" element={<UnitsPage />} />
          <Route path="staff" element={<StaffPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
