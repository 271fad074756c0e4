import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, List, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, Loading } from '../../app/states.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { nameOfPath } from '../field-names.ts';
import { useRequestDetail, useRequestStatus } from '../queries.ts';
import { type TransferKind, TransferForm } from './transfer-form.tsx';

/** A transfer draft to finish, or one returned for correction: the dialog's form on a page, with the reasons. */
export function TransferCorrection() {
  const { id = '' } = useParams();
  const { t, label, lang } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const detail = useRequestDetail(id);
  const status = useRequestStatus(id);
  if (detail.isPending || status.isPending) return <Loading />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  if (status.isError) return <ErrorState error={status.error} retry={() => status.refetch()} />;
  const kind = detail.data.kind as TransferKind;
  const part = kind === 'districtMove' ? 'move' : 'transfer';
  return (
    <section>
      <Typography.Title level={2} className="page-heading">
        {label('requestKinds', kind)}
      </Typography.Title>
      {status.data.returned && (
        <Alert
          type="warning"
          showIcon
          className="part-alert"
          data-testid="returned-reasons"
          message={t('审核人员退回了以下内容', 'Returned by the reviewer')}
          description={
            <List
              size="small"
              dataSource={status.data.returned.reasons}
              renderItem={(r) => <List.Item>{`${nameOfPath(r.path, lang)}：${r.reason}`}</List.Item>}
            />
          }
        />
      )}
      <Card>
        <TransferForm
          kind={kind}
          requestId={id}
          returned={detail.data.state === 'returned'}
          initial={detail.data.form?.[part]}
          onSubmitted={() => {
            void qc.invalidateQueries({ queryKey: ['requests'] });
            navigate(`/applicant/requests/${id}`);
          }}
        />
      </Card>
    </section>
  );
}
