import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider } from '../lib/i18n.tsx';
import { queryClient } from '../lib/query.ts';
import { Home } from './home.tsx';
import { Layout } from './layout.tsx';
import { Loading } from './states.tsx';
import { NotFound } from './not-found.tsx';
import { RequireRole } from './require-role.tsx';
import { TextBase } from './text-base.tsx';

// Each audience is its own chunk: an applicant's phone never loads the reviewer's or the administrator's code.
// Signing in is one too: a signed-in person's first page never loads the sign-in form.
const SignIn = lazy(async () => ({ default: (await import('../auth/sign-in.tsx')).SignIn }));
const Register = lazy(async () => ({ default: (await import('../auth/register.tsx')).Register }));
const ChangePassword = lazy(async () => ({ default: (await import('../auth/change-password.tsx')).ChangePassword }));
const RegisterUnit = lazy(async () => ({ default: (await import('../auth/register-unit.tsx')).RegisterUnit }));
const ApplicantPages = lazy(() => import('../applicant/routes.tsx'));
const ReviewPages = lazy(() => import('../review/routes.tsx'));
const AdminPages = lazy(() => import('../admin/routes.tsx'));
const UnitPages = lazy(() => import('../unit/routes.tsx'));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <TextBase>
          <BrowserRouter>
            <Routes>
              <Route element={<Layout />}>
                <Route index element={<Home />} />
                <Route
                  path="sign-in"
                  element={
                    <Suspense fallback={<Loading />}>
                      <SignIn />
                    </Suspense>
                  }
                />
                <Route
                  path="register"
                  element={
                    <Suspense fallback={<Loading />}>
                      <Register />
                    </Suspense>
                  }
                />
                <Route
                  path="password"
                  element={
                    <Suspense fallback={<Loading />}>
                      <ChangePassword />
                    </Suspense>
                  }
                />
                <Route
                  path="register/unit"
                  element={
                    <Suspense fallback={<Loading />}>
                      <RegisterUnit />
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
                <Route
                  path="unit/*"
                  element={
                    <RequireRole audience="employer">
                      <Suspense fallback={<Loading />}>
                        <UnitPages />
                      </Suspense>
                    </RequireRole>
                  }
                />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </TextBase>
      </I18nProvider>
    </QueryClientProvider>
  );
}
