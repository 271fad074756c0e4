/** No page at this address: antd's Result, with a way home. */
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../lib/i18n.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={t('页面不存在', 'Page not found')}
      subTitle={t('您访问的页面不存在或已移动。', 'The page you asked for does not exist.')}
      extra={
        <Link to="/">
          <Button type="primary">{t('返回首页', 'Home')}</Button>
        </Link>
      }
    />
  );
}
