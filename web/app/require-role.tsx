import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, useLocation } from 'react-router';
import { passwordPageFor, type Role, useSession } from '../lib/session.ts';
import { ErrorState, Loading } from './states.tsx';

// antd's Result (with its illustrations) only when someone opens another audience's pages.
const WrongAudience = lazy(async () => ({ default: (await import('./wrong-audience.tsx')).WrongAudience }));

/** The pages of one audience: signed-out visitors go to sign in (and come back), other roles are told so. */
export function RequireRole({ audience: role, children }: { audience: Role; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} retry={() => session.refetch()} />;
  if (!session.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (session.data.mustChangePassword) return <Navigate to={passwordPageFor(location.pathname + location.search)} replace />;
  if (session.data.role !== role) {
    return (
      <Suspense fallback={<Loading />}>
        <WrongAudience audience={role} signedInAs={session.data.role} />
      </Suspense>
    );
  }
  return <>{children}</>;
}
