import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider } from '../lib/i18n.tsx';
import { queryClient } from '../lib/query.ts';
import { SignIn } from '../auth/sign-in.tsx';
import { Home } from './home.tsx';
import { Layout } from './layout.tsx';
import { Loading } from './states.tsx';
import { NotFound } from './not-found.tsx';
import { RequireRole } from './require-role.tsx';

// Each audience is its own chunk: an applicant's phone never loads the reviewer's or the administrator's code.
const Register = lazy(async () => ({ default: (await import('../auth/register.tsx')).Register }));
const ApplicantPages = lazy(() => import('../applicant/routes.tsx'));
const ReviewPages = lazy(() => import('../review/routes.tsx'));
const AdminPages = lazy(() => import('../admin/routes.tsx'));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntApp>
          <BrowserRouter>
            <Routes>
              <Route element={<Layout />}>
                <Route index element={<Home />} />
                <Route path="sign-in" element={<SignIn />} />
                <Route
                  path="register"
                  element={
                    <Suspense fallback={<Loading />}>
                      <Register />
                    </Suspense>
                  }
                />
                <Route
                  path="applicant/*"
                  element={
                    <RequireRole audience="applicant">
                      <Suspense fallback={<Loading />}>
                        <ApplicantPages />
                      </Suspense>
                    </RequireRole>
                  }
                />
                <Route
                  path="review/*"
                  element={
                    <RequireRole audience="reviewer">
                      <Suspense fallback={<Loading />}>
                        <ReviewPages />
                      </Suspense>
                    </RequireRole>
                  }
                />
                <Route
                  path="console/*"
                  element={
                    <RequireRole audience="admin">
                      <Suspense fallback={<Loading />}>
                        <AdminPages />
                      </Suspense>
                    </RequireRole>
                  }
                />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  );
}
