import { Navigate } from 'react-router';
import { homeOf, passwordPageFor, useSession } from '../lib/session.ts';
import { ErrorState, Loading } from './states.tsx';

/** `/`: each signed-in person goes to their audience's pages; others to sign in. */
export function Home() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} retry={() => session.refetch()} />;
  if (!session.data) return <Navigate to="/sign-in" replace />;
  const home = homeOf(session.data.role);
  return <Navigate to={session.data.mustChangePassword ? passwordPageFor(home) : home} replace />;
}
