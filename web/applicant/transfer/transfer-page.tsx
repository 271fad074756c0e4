import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../app/states.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { keys, useMyRequests } from '../queries.ts';
import { stateColor } from '../state-color.ts';
import { type TransferKind, TransferForm } from './transfer-form.tsx';

const TITLES: Record<TransferKind, { zh: string; en: string }> = {
  transferOut: { zh: '申请调转（调出）', en: 'Apply: transfer out' },
  transferIn: { zh: '申请调转（调入）', en: 'Apply: transfer in' },
  districtMove: { zh: '申请省内调转', en: 'Apply: move district' },
};
/** The dialog's choice of direction: the manual opens both transfers from the one 申请调转. */
const DIRECTIONS: { value: TransferKind; zh: string; en: string }[] = [
  { value: 'transferOut', zh: '跨省调出', en: 'Out' },
  { value: 'transferIn', zh: '跨省调入', en: 'In' },
  { value: 'districtMove', zh: '省内调转', en: 'District' },
];

/**
 * 调入/调出: the applicant's transfers, and the 申请调转 dialog of the Beijing manual. After 保存 the dialog
 * closes on this page, where the new request is listed waiting for review (填写完成等待审核即可).
 */
export function TransferPage() {
  const { t, lang, label } = useI18n();
  const mine = useMyRequests();
  const qc = useQueryClient();
  const [open, setOpen] = useState<TransferKind | null>(null);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const transfers = (mine.data ?? []).filter((r) => r.kind === 'transferOut' || r.kind === 'transferIn' || r.kind === 'districtMove');
  const draft = open ? transfers.find((r) => r.kind === open && r.state === 'draft') : undefined;
  return (
    <section aria-labelledby="transfer-heading">
      <Typography.Title level={2} id="transfer-heading" className="page-heading">
        {t('调入/调出', 'Transfers')}
      </Typography.Title>
      <Card>
        <Typography.Paragraph>
          {t(
            '跨省调出：已在本省完成信息采集、到外省从事会计工作的人员申请；跨省调入：已在外省完成采集、来本省工作的人员申请；省内调转：在本省内更换所属区。提交后由所属区（调入时由调入区）财政局审核。',
            'Transfer out: collected here, working in another province. Transfer in: collected elsewhere, working here. Move: another district of this province.',
          )}
        </Typography.Paragraph>
        <Space wrap>
          <Button type="primary" onClick={() => setOpen('transferOut')} data-testid="apply-transfer-out">
            {t('申请调转', 'Apply for a transfer')}
          </Button>
          <Button onClick={() => setOpen('transferIn')} data-testid="apply-transfer-in">
            {t('申请调入', 'Apply to transfer in')}
          </Button>
          <Button onClick={() => setOpen('districtMove')} data-testid="apply-district-move">
            {t('省内调转', 'Move district')}
          </Button>
        </Space>
      </Card>
      {submitted && (
        <Alert
          type="success"
          showIcon
          className="transfer-submitted"
          role="status"
          data-testid="transfer-submitted"
          message={t('调转申请已提交，请等待所属区财政局审核。', 'Submitted: your district will review it.')}
          action={<Link to={`/applicant/requests/${submitted}`}>{t('查看进度', 'Progress')}</Link>}
        />
      )}
      <Card className="timeline-card" title={<h3 className="card-heading">{t('我的调转申请', 'My transfers')}</h3>}>
        {mine.isPending ? (
          <Loading />
        ) : mine.isError ? (
          <ErrorState error={mine.error} retry={() => mine.refetch()} />
        ) : transfers.length === 0 ? (
          <EmptyState text={t('暂无调转申请', 'No transfers yet')} />
        ) : (
          <List
            data-testid="my-transfers"
            dataSource={transfers}
            renderItem={(r) => (
              <List.Item
                key={r.requestId}
                data-testid="my-transfer"
                data-request-id={r.requestId}
                data-state={r.state}
                actions={[
                  <Link key="o" to={`/applicant/requests/${r.requestId}`}>
                    {t('查看进度', 'Progress')}
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={label('requestKinds', r.kind)}
                  description={new Date(r.createdAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en')}
                />
                <Tag color={stateColor(r.state)} data-testid="my-transfer-state">
                  {label('states', r.state)}
                </Tag>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Modal
        open={open !== null}
        title={open ? t(TITLES[open].zh, TITLES[open].en) : ''}
        footer={null}
        destroyOnHidden
        onCancel={() => setOpen(null)}
        width={640}
      >
        {open && (
          <Segmented
            block
            className="transfer-direction"
            value={open}
            onChange={(k) => setOpen(k as TransferKind)}
            options={DIRECTIONS.map((d) => ({ value: d.value, label: t(d.zh, d.en) }))}
            data-testid="transfer-direction"
          />
        )}
        {open && (
          <TransferForm
            key={open}
            kind={open}
            requestId={draft?.requestId}
            onCancel={() => setOpen(null)}
            onSubmitted={(id) => {
              setOpen(null);
              setSubmitted(id);
              void qc.invalidateQueries({ queryKey: keys.mine });
            }}
          />
        )}
      </Modal>
    </section>
  );
}
