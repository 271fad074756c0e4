import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { components } from '../../api-client/index.ts';
import { ErrorState, Loading } from '../app/states.tsx';
import { api, unwrap } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ApiProblem } from '../lib/problems.ts';
import { keys, useMyRecord } from './queries.ts';

type YearStatus = components['schemas']['YearlyCreditStatus'];

/** 继续教育: the year's credits against the rule (at least 90, professional subjects at least two-thirds). */
export function ContinuingEducation() {
  const { t } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const record = useMyRecord();
  const status = useQuery({
    queryKey: keys.credits(year),
    queryFn: async () => {
      try {
        return (await unwrap(
          api.GET('/people/{personId}/continuing-education/status', { params: { path: { personId: 'me' }, query: { year } as never } }),
        )) as YearStatus;
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 404) return null;
        throw e;
      }
    },
  });
  const courses = ((record.data?.continuingEducation?.records ?? []) as Record<string, any>[]).filter((c) => c.year === year);
  return (
    <section aria-labelledby="ce-heading">
      <Typography.Title level={2} id="ce-heading" className="page-heading">
        {t('继续教育', 'Continuing education')}
      </Typography.Title>
      <Card>
        <Space wrap className="part-alert">
          <label htmlFor="ce-year">{t('年度', 'Year')}</label>
          <Select
            id="ce-year"
            value={year}
            onChange={setYear}
            style={{ width: 120 }}
            data-testid="ce-year"
            options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))}
          />
        </Space>
        {status.isPending ? (
          <Loading />
        ) : status.isError ? (
          <ErrorState error={status.error} retry={() => status.refetch()} />
        ) : !status.data ? (
          <Typography.Paragraph type="secondary">
            {t('完成信息采集后即可查看继续教育情况。', 'Available once your collection is approved.')}
          </Typography.Paragraph>
        ) : (
          <div data-testid="ce-status" data-complete={String(status.data.complete)}>
            <Tag color={status.data.complete ? 'green' : 'orange'} data-testid="ce-complete">
              {status.data.complete ? t('本年度已达标', 'Complete this year') : t('本年度未达标', 'Not complete yet')}
            </Tag>
            <Progress
              percent={Math.min(100, Math.round((status.data.totalCredits / status.data.requiredCredits) * 100))}
              format={() => `${status.data!.totalCredits} / ${status.data!.requiredCredits}`}
              aria-label={t('学分进度', 'Credits')}
            />
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} className="summary-section">
              <Descriptions.Item label={t('总学分', 'Total')}>{status.data.totalCredits}</Descriptions.Item>
              <Descriptions.Item label={t('专业科目学分', 'Professional')}>
                {status.data.professionalCredits}（{Math.round(status.data.professionalShare * 100)}%）
              </Descriptions.Item>
              <Descriptions.Item label={t('公需科目学分', 'General')}>{status.data.generalCredits}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary">
              {t(
                '要求：每年不少于 90 学分，其中专业科目不少于三分之二。',
                'Rule: at least 90 credits a year, of which at least two-thirds professional.',
              )}
            </Typography.Paragraph>
          </div>
        )}
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={courses}
          scroll={{ x: true }}
          locale={{ emptyText: t('本年度暂无学习记录', 'No courses this year') }}
          columns={[
            { title: t('课程', 'Course'), dataIndex: 'course' },
            { title: t('学分', 'Credits'), dataIndex: 'credits' },
            {
              title: t('类别', 'Kind'),
              dataIndex: 'professional',
              render: (v: boolean) => (v ? t('专业科目', 'Professional') : t('公需科目', 'General')),
            },
            { title: t('机构', 'Provider'), dataIndex: 'provider' },
            { title: t('完成日期', 'Completed'), dataIndex: 'completedOn' },
          ]}
        />
      </Card>
    </section>
  );
}
