/** The loading, empty and error states every page shows the same way. */
import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { messageOf } from '../lib/problems.ts';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <output aria-live="polite" style={{ display: 'flex', justifyContent: 'center', padding: 48 }} data-testid="loading">
      <Spin tip={label ?? t('正在加载…', 'Loading…')}>
        <div style={{ width: 120, height: 40 }} />
      </Spin>
    </output>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t, lang } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error-state"
      message={t('出错了', 'Something went wrong')}
      description={messageOf(error, lang)}
      action={
        retry ? (
          <Button size="small" onClick={retry}>
            {t('重试', 'Retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyState({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <Empty description={text} data-testid="empty-state">
      {children}
    </Empty>
  );
}
