import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { RecordView } from '../records/record-view.tsx';
import { ClaimCard } from './claim-card.tsx';
import { useMyRecord, useNextStep } from './queries.ts';

/** 我的信息: the linked record, every module — the form, continuing education, talents, credits, materials, history. */
export function MyRecord() {
  const { t } = useI18n();
  const record = useMyRecord();
  // Without a record of its own, the API says what the account can do next; a received record is claimed here.
  const next = useNextStep(record.data === null);
  if (record.isPending) return <Loading />;
  if (record.isError) return <ErrorState error={record.error} retry={() => record.refetch()} />;
  const r = record.data;
  if (!r) {
    if (next.data?.step === 'claim') return <ClaimCard />;
    return (
      <Card>
        <EmptyState
          text={t(
            '您还没有已建档的会计人员信息；信息采集审核通过后即可在此查看。',
            'No record yet: it appears once a collection is approved.',
          )}
        >
          <Link to="/applicant/collection">{t('去信息采集', 'Start a collection')}</Link>
        </EmptyState>
      </Card>
    );
  }
  return (
    <section aria-labelledby="record-heading" data-testid="my-record">
      <Typography.Title level={2} id="record-heading" className="page-heading">
        {t('我的信息', 'My record')}
      </Typography.Title>
      <RecordView record={r} />
    </section>
  );
}
