import {
  BankOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  FileSearchOutlined,
  IdcardOutlined,
  TeamOutlined,
  UploadOutlined,
} from '@ant-design/icons';
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
  const selected =
    (['people', 'continuing-education', 'archive-import', 'access-log', 'units', 'staff'] as const).find((k) =>
      pathname.startsWith(`/console/${k}`),
    ) ?? 'statistics';
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
          { key: 'continuing-education', icon: <UploadOutlined />, label: t('继续教育导入', 'CE import') },
          { key: 'archive-import', icon: <CloudUploadOutlined />, label: t('存量档案迁移', 'Archive migration') },
          { key: 'access-log', icon: <FileSearchOutlined />, label: t('访问日志', 'Access log') },
          { key: 'units', icon: <BankOutlined />, label: t('用人单位', 'Employer units') },
          { key: 'staff', icon: <IdcardOutlined />, label: t('工作人员', 'Staff') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </div>
  );
}
