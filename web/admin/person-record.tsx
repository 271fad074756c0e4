import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { RecordView } from '../records/record-view.tsx';
import { AccessReasonModal } from './access-reason.tsx';
import { CreditForm } from './credit-form.tsx';
import { usePersonRecord } from './queries.ts';
import { TalentForm } from './talent-form.tsx';

/** What the person list hands to this page: the reason given, and whose record it is. */
export interface RecordPageState {
  reason: string;
  name?: string;
  /** Opened from the person list (the previous history entry). */
  fromList?: boolean;
}

/**
 * 人员档案: one person's whole record, read with the reason given (each read is logged with it), and the
 * administrator's talent and credit records added to it. Opened without a reason, the page asks for one.
 */
export function PersonRecordPage() {
  const { t } = useI18n();
  const { personId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const given = location.state as RecordPageState | null;
  const [reason, setReason] = useState(given?.reason ?? '');
  const record = usePersonRecord(reason ? personId : null, reason);
  const name = record.data?.basic.name ?? given?.name ?? '';
  // Back to the list as it was searched, when the record was opened from it.
  const back = () => (given?.fromList ? navigate(-1) : navigate('/console/people'));

  if (!reason) {
    return (
      <AccessReasonModal
        open
        onCancel={back}
        onOk={(r) => {
          setReason(r);
          // Kept with this history entry, so a reload does not ask again.
          navigate(location.pathname, { replace: true, state: { reason: r, name } satisfies RecordPageState });
        }}
      />
    );
  }
  // Materials are read with the same reason, and logged with it too.
  const materialHref = (href: string) => `${href}?reason=${encodeURIComponent(reason)}`;
  return (
    <section aria-labelledby="person-record-heading" data-testid="person-record">
      <Space style={{ marginBottom: 8 }} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="record-back">
          {t('返回人员查询', 'Back to people')}
        </Button>
      </Space>
      <Typography.Title level={2} id="person-record-heading" className="page-heading">
        {name ? `${name} · ${t('档案', 'Record')}` : t('人员档案', 'Record')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="person-record-reason">
        {t(`访问理由：${reason}（已记入访问日志）`, `Access reason: ${reason} (logged)`)}
      </Typography.Paragraph>
      {record.isPending ? (
        <Loading />
      ) : record.isError ? (
        <ErrorState error={record.error} retry={() => record.refetch()} />
      ) : (
        <>
          <RecordView record={record.data as Record<string, any>} materialHref={materialHref} />
          {record.data.status === 'active' && (
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col xs={24} lg={12}>
                <Card title={t('添加高端会计人才记录', 'Add a high-end talent record')}>
                  <TalentForm personId={record.data.personId} />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t('添加诚信记录', 'Add a credit record')}>
                  <CreditForm personId={record.data.personId} />
                </Card>
              </Col>
            </Row>
          )}
        </>
      )}
    </section>
  );
}
