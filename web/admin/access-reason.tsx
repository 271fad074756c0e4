import { Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';

/** Asks why a record is opened: the read is logged with this reason. */
export function AccessReasonModal({ open, onOk, onCancel }: { open: boolean; onOk: (reason: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  useEffect(() => {
    if (open) setText('');
  }, [open]);
  return (
    <Modal
      open={open}
      title={t('访问理由', 'Access reason')}
      okText={t('查看', 'Open')}
      okButtonProps={{ disabled: text.trim() === '', 'data-testid': 'access-reason-ok' } as never}
      onCancel={onCancel}
      onOk={() => onOk(text.trim())}
    >
      <Typography.Paragraph type="secondary">
        {t('查看完整档案将记入访问日志，请说明理由。', 'Opening the full record is logged; say why.')}
      </Typography.Paragraph>
      <Input.TextArea
        data-testid="access-reason"
        aria-label={t('访问理由', 'Access reason')}
        maxLength={200}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </Modal>
  );
}
