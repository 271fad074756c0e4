import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, InputNumber, Progress, Row, Select, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorState, Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { Chart, barOption, pieOption } from './chart.tsx';
import { type Count, exportHref, useDistricts, useStatistics } from './queries.ts';

const THIS_YEAR = new Date().getFullYear();

/** 统计分析: the console's home — live counts of people, requests and continuing education, and their exports. */
export function StatisticsPage() {
  const { t, lang } = useI18n();
  const [district, setDistrict] = useState<string | undefined>();
  const [year, setYear] = useState<number>(THIS_YEAR);
  const districts = useDistricts();
  const stats = useStatistics({ district, year });
  const s = stats.data;

  const charts = useMemo(() => {
    if (!s) return [];
    const bar = (key: string, title: string, counts: Count[] | undefined) =>
      counts ? [{ key, title, option: barOption(counts, lang) }] : [];
    const pie = (key: string, title: string, counts: Count[] | undefined) =>
      counts ? [{ key, title, option: pieOption(counts, lang) }] : [];
    return [
      ...bar('district', t('人员按所属区', 'People by district'), s.people?.byDistrict),
      ...pie('sex', t('人员按性别', 'People by sex'), s.people?.bySex),
      ...bar('age', t('人员按年龄段', 'People by age band'), s.people?.byAgeBand),
      ...bar('qualification', t('人员按最高专业技术资格', 'People by highest qualification'), s.people?.byQualificationLevel),
      ...bar('education', t('人员按最高学历', 'People by highest education'), s.people?.byEducationLevel),
      ...pie('kind', t('申请按类型', 'Requests by kind'), s.requests?.byKind),
      ...bar('state', t('申请按状态', 'Requests by state'), s.requests?.byState),
    ];
  }, [s, lang, t]);

  const districtOptions = (districts.data?.districts ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }));
  const ce = s?.continuingEducation;
  const overdue = s?.requests ? s.requests.overdueReviews + s.requests.overdueDestinations : undefined;

  return (
    <section aria-labelledby="statistics-heading" data-testid="statistics">
      <Typography.Title level={2} id="statistics-heading" className="page-heading">
        {t('统计分析', 'Statistics')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 200 }}
            placeholder={t('全市（全部区）', 'All districts')}
            aria-label={t('所属区', 'District')}
            data-testid="district-filter"
            loading={districts.isPending}
            value={district}
            onChange={(v) => setDistrict(v ?? undefined)}
            options={districtOptions}
          />
          <InputNumber
            aria-label={t('继续教育年度', 'Continuing-education year')}
            prefix={t('继续教育年度', 'CE year')}
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
          />
          <Button
            icon={<DownloadOutlined />}
            href={exportHref('/statistics/export', { format: 'xlsx', district, year: String(year) })}
            download
            data-testid="export-xlsx"
          >
            {t('导出统计（Excel）', 'Export statistics (Excel)')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={exportHref('/statistics/export', { format: 'csv', district, year: String(year) })}
            download
            data-testid="export-csv"
          >
            {t('导出统计（CSV）', 'Export statistics (CSV)')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={exportHref('/people/export', { format: 'csv', district })}
            download
            data-testid="export-people-csv"
          >
            {t('导出人员名单（CSV）', 'Export people (CSV)')}
          </Button>
        </Space>
      </Card>
      {stats.isPending ? (
        <Loading />
      ) : stats.isError ? (
        <ErrorState error={stats.error} retry={() => stats.refetch()} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('在册会计人员', 'Accountants on record')}
                  value={s?.people?.total ?? 0}
                  data-testid="stat-total-people"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('已调出（只读）', 'Transferred out')} value={s?.people?.transferredOut ?? 0} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('申请总数', 'Requests')} value={s?.requests?.total ?? 0} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('超期未办', 'Overdue')}
                  value={overdue ?? 0}
                  styles={overdue ? { content: { color: '#cf1322' } } : undefined}
                  data-testid="stat-overdue"
                />
                {s?.requests && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(
                      `审核超期 ${s.requests.overdueReviews} · 转入地未答复 ${s.requests.overdueDestinations}`,
                      `Reviews ${s.requests.overdueReviews} · destinations ${s.requests.overdueDestinations}`,
                    )}
                  </Typography.Text>
                )}
              </Card>
            </Col>
          </Row>
          {ce && (
            <Card
              size="small"
              title={t(`${ce.year} 年度继续教育达标情况`, `Continuing education ${ce.year}`)}
              style={{ marginBottom: 16 }}
              data-testid="stat-continuing-education"
            >
              <Row gutter={[16, 16]} align="middle">
                <Col xs={24} md={6}>
                  <Progress type="circle" percent={Math.round(ce.completionRate * 1000) / 10} aria-label={t('达标率', 'Completion rate')} />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('应参加人数', 'People')} value={ce.people} />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('已达标', 'Complete')} value={ce.complete} />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('学分不足', 'Short of credits')} value={ce.shortOfCredits} />
                </Col>
                <Col xs={12} md={3}>
                  <Statistic title={t('专业科目不足', 'Short of professional')} value={ce.shortOfProfessionalShare} />
                </Col>
                <Col xs={12} md={3}>
                  <Statistic title={t('无记录', 'No records')} value={ce.noRecords} />
                </Col>
              </Row>
              <Typography.Text type="secondary">
                {t(
                  `达标要求：每年不少于 ${ce.requiredCredits} 学分，其中专业科目不少于 ${ce.professionalShare}`,
                  `Required: at least ${ce.requiredCredits} credits a year, professional subjects at least ${ce.professionalShare}`,
                )}
              </Typography.Text>
            </Card>
          )}
          <Row gutter={[16, 16]}>
            {charts.map((c) => (
              <Col key={c.key} xs={24} lg={12}>
                <Card size="small" title={c.title}>
                  <Chart option={c.option} label={c.title} testId={`chart-${c.key}`} />
                </Card>
              </Col>
            ))}
          </Row>
          {s && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {t(
                `实时统计，截至 ${new Date(s.asOf).toLocaleString('zh-CN')}`,
                `Live counts as of ${new Date(s.asOf).toLocaleString('en')}`,
              )}
            </Typography.Paragraph>
          )}
        </>
      )}
    </section>
  );
}
