import { Typography } from 'antd';
import { useI18n } from '../lib/i18n.tsx';

export function ReviewHome() {
  const { t } = useI18n();
  return <Typography.Title level={2}>{t('审核工作台', 'Review workbench')}</Typography.Title>;
}
