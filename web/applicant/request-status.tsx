import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, List, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorState, Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { messageOf } from '../lib/problems.ts';
import { requestsApi, type RequestKind } from './form-api.ts';
import { useRequestStatus, useTimeline } from './queries.ts';
import { stateColor } from './state-color.ts';
import { nameOfPath } from './field-names.ts';

/** Where the applicant corrects a returned request of each kind. */
export const editPathOf = (kind: RequestKind, id: string) =>
  kind === 'collection' ? `/applicant/collection/${id}` : kind === 'change' ? `/applicant/change/${id}` : `/applicant/transfer/${id}`;

const date = (iso?: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

/** A request's state, round and due dates; what was returned with the reviewer's reasons; the timeline. */
export function RequestStatusPage() {
  const { id = '' } = useParams();
  const { t, lang, label } = useI18n();
  const qc = useQueryClient();
  const status = useRequestStatus(id);
  const timeline = useTimeline(id);
  const resubmit = useMutation({
    mutationFn: () => requestsApi.resubmit(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['requests'] }),
  });
  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorState error={status.error} retry={() => status.refetch()} />;
  const s = status.data;
  const nameOf = (path: string) => nameOfPath(path, lang);
  return (
    <section aria-labelledby="status-heading" data-testid="request-status" data-state={s.state}>
      <Typography.Title level={2} id="status-heading" className="page-heading">
        {t(`${label('requestKinds', s.kind)}申请进度`, `${label('requestKinds', s.kind)}: progress`)}
      </Typography.Title>
      <Card>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('当前状态', 'State')}>
            <Tag color={stateColor(s.state)} data-testid="request-state">
              {label('states', s.state)}
            </Tag>
            {s.overdue && <Tag color="red">{t('已超期', 'Overdue')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('审核轮次', 'Round')}>
            <span data-testid="request-round">{s.round}</span>
          </Descriptions.Item>
          {s.reviewDueAt && <Descriptions.Item label={t('审核截止时间', 'Review due')}>{date(s.reviewDueAt)}</Descriptions.Item>}
          {s.correctionDueAt && (
            <Descriptions.Item label={t('修改截止时间', 'Correct by')}>
              <span data-testid="correction-due">{date(s.correctionDueAt)}</span>
            </Descriptions.Item>
          )}
          {s.closedReason && <Descriptions.Item label={t('说明', 'Reason')}>{s.closedReason}</Descriptions.Item>}
        </Descriptions>
        {s.state === 'draft' && (
          <Alert
            className="part-alert"
            type="info"
            showIcon
            message={t('申请尚未提交。', 'Not submitted yet.')}
            action={<Link to={editPathOf(s.kind, id)}>{t('继续填写', 'Continue')}</Link>}
          />
        )}
      </Card>

      {s.state === 'returned' && s.returned && (
        <Card
          className="returned-card"
          title={<h3 className="card-heading">{t(`第 ${s.returned.round} 轮审核退回的内容`, `Returned in round ${s.returned.round}`)}</h3>}
          data-testid="returned-reasons"
        >
          {s.returned.comment && <Typography.Paragraph>{s.returned.comment}</Typography.Paragraph>}
          <List
            dataSource={s.returned.reasons}
            renderItem={(r) => (
              <List.Item data-testid="returned-reason" data-path={r.path}>
                <List.Item.Meta
                  title={<span className="returned-field-name">{nameOf(r.path)}</span>}
                  description={`退回原因：${r.reason}`}
                />
              </List.Item>
            )}
          />
          {resubmit.isError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              className="part-alert"
              data-testid="resubmit-error"
              message={messageOf(resubmit.error, lang)}
            />
          )}
          <Space wrap className="part-actions">
            <Link to={editPathOf(s.kind, id)}>
              <Button type="primary" data-testid="correct-returned">
                {t('去修改', 'Correct')}
              </Button>
            </Link>
            <Button loading={resubmit.isPending} onClick={() => resubmit.mutate()} data-testid="resubmit">
              {t('已修改，重新提交', 'Resubmit')}
            </Button>
          </Space>
        </Card>
      )}

      <Card title={<h3 className="card-heading">{t('办理过程', 'Timeline')}</h3>} className="timeline-card">
        {timeline.isPending ? (
          <Loading />
        ) : timeline.isError ? (
          <ErrorState error={timeline.error} retry={() => timeline.refetch()} />
        ) : timeline.data.events.length === 0 ? (
          <Typography.Text type="secondary">{t('尚无办理记录', 'Nothing yet')}</Typography.Text>
        ) : (
          <Timeline
            data-testid="timeline"
            items={timeline.data.events.map((e) => ({
              color:
                e.type === 'returned'
                  ? 'orange'
                  : e.type === 'completed'
                    ? 'green'
                    : e.type === 'refused' || e.type === 'expired'
                      ? 'red'
                      : 'blue',
              children: (
                <div data-testid="timeline-event" data-type={e.type}>
                  <strong>{label('events', e.type) === '未知' ? label('states', e.type) : label('events', e.type)}</strong>{' '}
                  <Typography.Text type="secondary">{date(e.at)}</Typography.Text>
                  {e.comment && <div>{e.comment}</div>}
                  {e.reasons?.map((r) => (
                    <div key={r.path} className="timeline-reason">
                      {nameOf(r.path)}：{r.reason}
                    </div>
                  ))}
                  {e.reason && <div>{e.reason}</div>}
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </section>
  );
}
