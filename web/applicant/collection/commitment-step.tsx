import { Alert, Button, Card, Checkbox, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../lib/i18n.tsx';
import { messageOf } from '../../lib/problems.ts';

/** The commitment letter of truthfulness (承诺函), shown in full and accepted explicitly. */
export function CommitmentText() {
  return (
    <div className="commitment-text" data-testid="commitment-text">
      <Typography.Title level={4}>会计人员信息采集承诺函</Typography.Title>
      <Typography.Paragraph>
        本人承诺：在会计人员信息管理系统中填报的个人基本信息、学历学位、从事会计工作、会计专业技术资格等信息及上传的证明材料真实、准确、完整，不存在虚假记载、误导性陈述或重大遗漏。
      </Typography.Paragraph>
      <Typography.Paragraph>
        本人知悉，所填报信息将由所属区财政部门审核，并上传至全国会计人员统一服务管理平台。如填报信息有变化，本人将及时申请信息变更。
      </Typography.Paragraph>
      <Typography.Paragraph>如有虚假，本人愿意承担由此产生的一切后果及相应的法律责任，并接受财政部门依法作出的处理。</Typography.Paragraph>
    </div>
  );
}

export function CommitmentStep(props: {
  acceptedAt: string | null;
  accept: () => Promise<void>;
  onDone: () => void;
  disabled?: boolean;
  /** In a guided form, a step to go on from once accepted; elsewhere nothing follows. */
  continueWhenAccepted?: boolean;
}) {
  const { t, lang } = useI18n();
  const [checked, setChecked] = useState(!!props.acceptedAt);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Card>
      <CommitmentText />
      {props.acceptedAt ? (
        <Alert
          type="success"
          showIcon
          className="part-alert"
          data-testid="commitment-accepted"
          message={t(`已于 ${new Date(props.acceptedAt).toLocaleString('zh-CN')} 同意承诺函`, 'Accepted')}
        />
      ) : (
        <Checkbox
          checked={checked}
          onChange={(e) => setChecked(e.target.checked)}
          disabled={props.disabled}
          data-testid="commitment-checkbox"
        >
          {t('本人已阅读并同意以上承诺', 'I have read and accept this commitment')}
        </Checkbox>
      )}
      {error != null && <Alert type="error" showIcon role="alert" className="part-alert" message={messageOf(error, lang)} />}
      {(!props.acceptedAt || props.continueWhenAccepted !== false) && (
        <Space className="part-actions">
          <Button
            type="primary"
            disabled={!checked || props.disabled}
            loading={busy}
            data-testid="commitment-accept"
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                if (!props.acceptedAt) await props.accept();
                props.onDone();
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            {props.acceptedAt ? t('继续', 'Continue') : t('同意并继续', 'Accept and continue')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
