import { Card, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { stateColor } from './state-color.ts';
import { useMyRequests } from './queries.ts';

/** 我的申请: every request of the applicant, newest first, with its state. */
export function MyRequests() {
  const { t, label } = useI18n();
  const mine = useMyRequests();
  return (
    <section aria-labelledby="requests-heading">
      <Typography.Title level={2} id="requests-heading" className="page-heading">
        {t('我的申请', 'My requests')}
      </Typography.Title>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorState error={mine.error} retry={() => mine.refetch()} />
      ) : mine.data.length === 0 ? (
        <Card>
          <EmptyState text={t('您还没有提交过申请', 'No requests yet')}>
            <Link to="/applicant/collection">{t('开始信息采集', 'Start a collection')}</Link>
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <List
            data-testid="my-requests"
            dataSource={mine.data}
            renderItem={(r) => (
              <List.Item
                key={r.requestId}
                data-testid="my-request"
                data-request-id={r.requestId}
                actions={[
                  <Link
                    key="open"
                    to={`/applicant/requests/${r.requestId}`}
                    aria-label={t(`查看${label('requestKinds', r.kind)}申请`, `Open ${label('requestKinds', r.kind)}`)}
                  >
                    {t('查看', 'Open')}
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={label('requestKinds', r.kind)}
                  description={t(
                    `创建于 ${new Date(r.createdAt).toLocaleDateString('zh-CN')}`,
                    `Created ${new Date(r.createdAt).toLocaleDateString('en')}`,
                  )}
                />
                <Tag color={stateColor(r.state)} data-testid="my-request-state">
                  {label('states', r.state)}
                </Tag>
              </List.Item>
            )}
          />
        </Card>
      )}
    </section>
  );
}
