import { Alert, Button, Card, Descriptions, InputNumber, Result, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorState, Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { messageOf } from '../lib/problems.ts';
import { type UnitAccountant, type UnitRequest, useConfirmEmployment, useMyUnit, useUnitAccountants } from './queries.ts';

const thisYear = () => new Date().getFullYear();

/**
 * 用人单位: the unit's registration and, once its district has confirmed it, its accountants (masked, each
 * read logged by the API) with this year's continuing education, and the open requests naming the unit,
 * whose employment it confirms online.
 */
export function UnitHome() {
  const { t, label } = useI18n();
  const unit = useMyUnit();
  const [year, setYear] = useState(thisYear);
  const confirmed = unit.data?.status === 'confirmed';
  const accountants = useUnitAccountants(year, confirmed);

  if (unit.isPending) return <Loading />;
  if (unit.isError) return <ErrorState error={unit.error} retry={() => unit.refetch()} />;
  const u = unit.data;
  return (
    <section aria-labelledby="unit-heading" data-testid="unit-home">
      <Typography.Title level={2} id="unit-heading" className="page-heading">
        {u.name}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="unit-details">
        <Descriptions.Item label={t('统一社会信用代码', 'Credit code')}>{u.creditCode}</Descriptions.Item>
        <Descriptions.Item label={t('状态', 'Status')}>
          <Tag color={confirmed ? 'green' : 'gold'} data-testid="unit-status">
            {label('unitStatus', u.status)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('经办人', 'Contact')}>{u.contactName}</Descriptions.Item>
        <Descriptions.Item label={t('联系电话', 'Phone')}>{u.phone}</Descriptions.Item>
        <Descriptions.Item label={t('通知邮箱', 'Notification email')}>{u.email ?? '—'}</Descriptions.Item>
      </Descriptions>
      {!confirmed ? (
        <Result
          status="info"
          data-testid="unit-pending"
          title={t('等待区财政局确认', 'Awaiting confirmation by the district finance bureau')}
          subTitle={t(
            '确认后可查看本单位会计人员，并在线确认其在职情况。如长时间未确认，请联系所在区财政局。',
            'Once confirmed, the unit sees its accountants and confirms their employment online. If it takes long, contact the district finance bureau.',
          )}
          extra={<Button onClick={() => unit.refetch()}>{t('刷新', 'Refresh')}</Button>}
        />
      ) : accountants.isError ? (
        <ErrorState error={accountants.error} retry={() => accountants.refetch()} />
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%', marginTop: 16 }}>
          <EmploymentRequests requests={accountants.data?.requests ?? []} loading={accountants.isFetching} />
          <Card
            title={t('本单位会计人员', "The unit's accountants")}
            extra={
              <Space>
                <span>{t('继续教育年度', 'Continuing-education year')}</span>
                <InputNumber
                  aria-label={t('继续教育年度', 'Continuing-education year')}
                  data-testid="unit-year"
                  min={1990}
                  max={thisYear()}
                  value={year}
                  onChange={(v) => v && setYear(v)}
                />
              </Space>
            }
          >
            <Table<UnitAccountant>
              data-testid="unit-accountants"
              rowKey="personId"
              size="small"
              scroll={{ x: true }}
              loading={accountants.isFetching}
              dataSource={accountants.data?.items ?? []}
              locale={{ emptyText: t('暂无登记本单位信用代码的会计人员', 'No record names this unit yet') }}
              columns={[
                { title: t('姓名', 'Name'), dataIndex: 'name' },
                { title: t('证件号码', 'ID number'), dataIndex: 'archiveNo' },
                {
                  title: t('待修改的申请', 'Returned requests'),
                  dataIndex: 'returnedRequests',
                  render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : '0'),
                },
                {
                  title: t('继续教育学分', 'Credits'),
                  dataIndex: ['continuingEducation', 'totalCredits'],
                },
                {
                  title: t('继续教育', 'Continuing education'),
                  dataIndex: ['continuingEducation', 'complete'],
                  render: (complete: boolean) => (
                    <Tag color={complete ? 'green' : 'orange'}>{label('ceStatus', complete ? 'complete' : 'incomplete')}</Tag>
                  ),
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </section>
  );
}

/** The open requests naming the unit: confirming employment online replaces the work-proof scan. */
function EmploymentRequests({ requests, loading }: { requests: UnitRequest[]; loading: boolean }) {
  const { t, lang, label } = useI18n();
  const confirm = useConfirmEmployment();
  return (
    <Card title={t('待确认在职的申请', 'Requests naming the unit')} data-testid="unit-requests">
      <Typography.Paragraph type="secondary">
        {t(
          '以下申请填写了本单位。确认在职后，申请人无需再上传从事会计工作证明。',
          'These requests name the unit. Once the unit confirms the employment, the applicant needs no work-proof scan.',
        )}
      </Typography.Paragraph>
      {confirm.isError && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={messageOf(confirm.error, lang)} />
      )}
      <Table<UnitRequest>
        rowKey="requestId"
        size="small"
        scroll={{ x: true }}
        loading={loading}
        dataSource={requests}
        pagination={false}
        locale={{ emptyText: t('暂无待确认的申请', 'No open request names the unit') }}
        columns={[
          { title: t('姓名', 'Name'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
          { title: t('申请类型', 'Kind'), dataIndex: 'kind', render: (k: string) => label('requestKinds', k) },
          { title: t('状态', 'State'), dataIndex: 'state', render: (s: string) => label('states', s) },
          {
            title: t('在职确认', 'Employment'),
            dataIndex: 'employmentConfirmedAt',
            render: (at: string | null, r) =>
              at ? (
                <Tag color="green" data-testid={`employment-confirmed-${r.requestId}`}>
                  {t('已确认', 'Confirmed')} {new Date(at).toLocaleDateString()}
                </Tag>
              ) : (
                <Button
                  size="small"
                  type="primary"
                  data-testid={`confirm-employment-${r.requestId}`}
                  loading={confirm.isPending && confirm.variables === r.requestId}
                  onClick={() => confirm.mutate(r.requestId)}
                >
                  {t('确认在职', 'Confirm employment')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
