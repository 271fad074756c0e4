import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useI18n } from '../lib/i18n.tsx';
import { type Role, useSession } from '../lib/session.ts';
import { ErrorState, Loading } from './states.tsx';

/** The pages of one audience: signed-out visitors go to sign in (and come back), other roles are told so. */
export function RequireRole({ audience: role, children }: { audience: Role; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const { t, label } = useI18n();
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} retry={() => session.refetch()} />;
  if (!session.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (session.data.role !== role) {
    return (
      <Result
        status="warning"
        title={t('无权访问', 'Not allowed')}
        subTitle={t(
          `此页面供${label('roles', role)}使用，您当前以${label('roles', session.data.role)}身份登录。`,
          `These pages are for the ${label('roles', role)}; you are signed in as ${label('roles', session.data.role)}.`,
        )}
      />
    );
  }
  return <>{children}</>;
}
