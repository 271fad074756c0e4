import { Navigate } from 'react-router';
import { homeOf, useSession } from '../lib/session.ts';
import { ErrorState, Loading } from './states.tsx';

/** `/`: each signed-in person goes to their audience's pages; others to sign in. */
export function Home() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} retry={() => session.refetch()} />;
  return <Navigate to={session.data ? homeOf(session.data.role) : '/sign-in'} replace />;
}
