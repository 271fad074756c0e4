import { Typography } from 'antd';
import { useI18n } from '../lib/i18n.tsx';

export function AdminHome() {
  const { t } = useI18n();
  return <Typography.Title level={2}>{t('管理控制台', 'Administration')}</Typography.Title>;
}
