import { BarChartOutlined, FileSearchOutlined, TeamOutlined } from '@ant-design/icons';
import { Menu } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';

/** The console's frame: its menu beside the page. */
export function ConsoleLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = pathname.startsWith('/console/people')
    ? 'people'
    : pathname.startsWith('/console/access-log')
      ? 'access-log'
      : 'statistics';
  return (
    <div className="console-layout">
      <Menu
        mode="horizontal"
        data-testid="console-menu"
        selectedKeys={[selected]}
        onClick={({ key }) => navigate(key === 'statistics' ? '/console' : `/console/${key}`)}
        items={[
          { key: 'statistics', icon: <BarChartOutlined />, label: t('统计分析', 'Statistics') },
          { key: 'people', icon: <TeamOutlined />, label: t('人员查询', 'People') },
          { key: 'access-log', icon: <FileSearchOutlined />, label: t('访问日志', 'Access log') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </div>
  );
}
