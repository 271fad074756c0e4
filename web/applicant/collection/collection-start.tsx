import { Alert, Button, Card, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate } from 'react-router';
import { ErrorState, Loading } from '../../app/states.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { messageOf } from '../../lib/problems.ts';
import { requestsApi } from '../form-api.ts';
import { keys, useMyRequests } from '../queries.ts';

/** 信息采集: resumes the open collection (a draft, or one returned for correction), or starts one. */
export function CollectionStart() {
  const { t, lang, label } = useI18n();
  const mine = useMyRequests();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const start = useMutation({
    mutationFn: () => requestsApi.createDraft('collection'),
    onSuccess: ({ requestId }) => {
      void qc.invalidateQueries({ queryKey: keys.mine });
      navigate(`/applicant/collection/${requestId}`);
    },
  });
  if (mine.isPending) return <Loading />;
  if (mine.isError) return <ErrorState error={mine.error} retry={() => mine.refetch()} />;
  const collections = mine.data.filter((r) => r.kind === 'collection');
  const open = collections.find((r) => r.state === 'draft' || r.state === 'returned');
  if (open) return <Navigate to={`/applicant/collection/${open.requestId}`} replace />;
  const underway = collections.find((r) => !['expired', 'withdrawn', 'refused'].includes(r.state));
  return (
    <Card title={<h2 className="card-heading">{t('信息采集', 'Information collection')}</h2>}>
      {underway ? (
        <Alert
          type="info"
          showIcon
          data-testid="collection-underway"
          message={t(`您的信息采集申请${label('states', underway.state)}。`, `Your collection is ${label('states', underway.state)}.`)}
          action={<Link to={`/applicant/requests/${underway.requestId}`}>{t('查看进度', 'View progress')}</Link>}
        />
      ) : (
        <>
          <Typography.Paragraph>
            {t(
              '按步骤填写人员类别、基本信息、学历、工作、专业技术资格和所属区，上传证件照及证明材料，阅读并同意承诺函后提交，由所属区财政局审核。每一步保存后即可离开，下次登录继续填写。',
              'Fill in each part step by step, upload the photo and proofs, accept the commitment letter and submit for review by your district. Each step is saved: you can leave and continue later.',
            )}
          </Typography.Paragraph>
          {start.isError && <Alert type="error" showIcon role="alert" className="part-alert" message={messageOf(start.error, lang)} />}
          <Button type="primary" size="large" loading={start.isPending} onClick={() => start.mutate()} data-testid="start-collection">
            {t('开始信息采集', 'Start')}
          </Button>
        </>
      )}
    </Card>
  );
}
