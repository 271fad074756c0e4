import { Button, Layout as AntLayout, Segmented, Space, Typography } from 'antd';
import { Link, Outlet, useNavigate } from 'react-router';
import { useI18n } from '../lib/i18n.tsx';
import { homeOf, useSession, useSignOut } from '../lib/session.ts';
import { NotificationBell } from '../notifications/bell.tsx';
import './layout.css';

/** The frame of every page: the service's name, the language switch, who is signed in and signing out. */
export function Layout() {
  const { t, lang, setLang, label } = useI18n();
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const user = session.data;
  return (
    <AntLayout className="app-layout">
      <AntLayout.Header className="app-header">
        <Link to={user ? homeOf(user.role) : '/'} className="app-title" data-testid="app-title">
          {t('会计人员信息管理系统', 'Accounting Personnel Information System')}
        </Link>
        <Space size="small" wrap className="app-header-tools">
          <Segmented
            size="small"
            aria-label={t('界面语言', 'Language')}
            data-testid="language-switch"
            value={lang}
            onChange={(v) => setLang(v as 'zh' | 'en')}
            options={[
              { value: 'zh', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
          />
          {user && (
            <>
              <NotificationBell role={user.role} />
              <Typography.Text className="app-role" data-testid="signed-in-role">
                {label('roles', user.role)}
              </Typography.Text>
              <Link to="/password" className="app-password-link" data-testid="change-password-link">
                {t('修改密码', 'Password')}
              </Link>
              <Button
                size="small"
                data-testid="sign-out"
                loading={signOut.isPending}
                onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })}
              >
                {t('退出登录', 'Sign out')}
              </Button>
            </>
          )}
        </Space>
      </AntLayout.Header>
      <AntLayout.Content className="app-content">
        <main>
          <Outlet />
        </main>
      </AntLayout.Content>
      <AntLayout.Footer className="app-footer">{t('市财政局 · 会计人员信息管理', 'Municipal Finance Bureau')}</AntLayout.Footer>
    </AntLayout>
  );
}
