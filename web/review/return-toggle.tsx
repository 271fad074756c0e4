/** The "退回" toggle of one field or material, and the reason it opens (2–500 characters). */
import { Button, Input, Space, Typography } from 'antd';
import { useI18n } from '../lib/i18n.tsx';

export const REASON_MIN = 2;
export const REASON_MAX = 500;

export interface ReturnDraft {
  target: 'field' | 'material';
  reason: string;
}

export type Returns = Record<string, ReturnDraft>;

/** Why a reason cannot be sent yet, or undefined when it can. */
export function reasonProblem(reason: string, lang: 'zh' | 'en'): string | undefined {
  const n = reason.trim().length;
  if (n >= REASON_MIN && n <= REASON_MAX) return undefined;
  return lang === 'zh' ? `退回理由应为 ${REASON_MIN}–${REASON_MAX} 个字` : `The reason must be ${REASON_MIN}–${REASON_MAX} characters`;
}

export interface ReturnControls {
  returns: Returns;
  toggle(path: string, target: ReturnDraft['target']): void;
  setReason(path: string, reason: string): void;
  /** Shows each open reason's problem once a return was tried. */
  checked: boolean;
  disabled: boolean;
  /** Nothing can be returned (a transfer another province sent): no toggles at all. */
  hidden?: boolean;
}

export function ReturnToggle({ path, target, controls }: { path: string; target: ReturnDraft['target']; controls: ReturnControls }) {
  const { t, lang } = useI18n();
  const draft = controls.returns[path];
  const problem = draft && controls.checked ? reasonProblem(draft.reason, lang) : undefined;
  if (controls.hidden) return null;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Button
        size="small"
        danger={!!draft}
        type={draft ? 'primary' : 'default'}
        aria-pressed={!!draft}
        disabled={controls.disabled}
        data-testid={`return-${path}`}
        onClick={() => controls.toggle(path, target)}
      >
        {draft ? t('取消退回', 'Keep') : t('退回', 'Return')}
      </Button>
      {draft && (
        <>
          <Input.TextArea
            autoFocus
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={REASON_MAX}
            showCount
            status={problem ? 'error' : undefined}
            aria-label={t('退回理由', 'Reason for returning')}
            placeholder={t('请写明需要修改的内容（2–500 字）', 'What must be corrected (2–500 characters)')}
            data-testid={`reason-${path}`}
            value={draft.reason}
            disabled={controls.disabled}
            onChange={(e) => controls.setReason(path, e.target.value)}
          />
          {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
        </>
      )}
    </Space>
  );
}
