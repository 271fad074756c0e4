import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { IMPORT_COLUMN_NAMES, IMPORT_COLUMNS, IMPORT_MAX_BYTES } from '../../domain/continuing-education-import.ts';
import { downloadText } from '../lib/download.ts';
import { useI18n } from '../lib/i18n.tsx';
import { uploadWithProgress } from '../lib/upload.ts';
import { ImportDropzone, ImportProgress, ImportRules } from './import-parts.tsx';
import { fieldName, rejectedRowsCsv, ruleMessage, templateCsv } from './import-report.ts';
import type { ImportReport, RejectedImportRow } from './queries.ts';

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;

type ImportState =
  | { step: 'idle' }
  | { step: 'uploading'; fileName: string; percent: number }
  | { step: 'importing'; fileName: string }
  | { step: 'done'; fileName: string; report: ImportReport }
  | { step: 'failed'; fileName: string; error: unknown };

/** 继续教育导入: the file's rules, the upload with its progress, then the counts and every rejected row. */
export function ContinuingEducationImportPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [refusal, setRefusal] = useState<string | null>(null);
  const busy = state.step === 'uploading' || state.step === 'importing';

  const send = async (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    setState({ step: 'uploading', fileName: file.name, percent: 0 });
    try {
      const report = await uploadWithProgress<ImportReport>('/admin/continuing-education/import', form, {
        onProgress: ({ loaded, total }) =>
          setState((s) =>
            s.step === 'uploading' ? { ...s, percent: total ? Math.min(100, Math.round((loaded / total) * 100)) : s.percent } : s,
          ),
        onSent: () => setState((s) => (s.step === 'uploading' ? { step: 'importing', fileName: s.fileName } : s)),
      });
      setState({ step: 'done', fileName: file.name, report });
      // The statistics' continuing-education counts changed.
      await client.invalidateQueries({ queryKey: ['statistics'] });
    } catch (error) {
      setState({ step: 'failed', fileName: file.name, error });
    }
  };

  const percent = state.step === 'uploading' ? state.percent : state.step === 'idle' ? 0 : 100;
  const progressText =
    state.step === 'uploading'
      ? t(`正在上传 ${state.percent}%`, `Uploading ${state.percent}%`)
      : state.step === 'importing'
        ? t('上传完成，正在导入…', 'Uploaded; importing…')
        : state.step === 'done'
          ? t('导入完成', 'Imported')
          : state.step === 'failed'
            ? t('导入失败', 'Import failed')
            : '';

  return (
    <section aria-labelledby="ce-import-heading" data-testid="ce-import">
      <Typography.Title level={2} id="ce-import-heading" className="page-heading">
        {t('继续教育导入', 'Continuing-education import')}
      </Typography.Title>
      <ImportRules
        testId="ce-import"
        onTemplate={() => downloadText('继续教育导入模板.csv', templateCsv())}
        items={[
          t(
            `CSV（UTF-8 编码）或 Excel 工作簿（.xlsx，读取第一个工作表），不超过 ${MAX_MB}MB；更大的文件请拆分。`,
            `CSV (UTF-8) or an Excel workbook (.xlsx, its first sheet), at most ${MAX_MB} MB; split bigger files.`,
          ),
          t(
            '第一行为表头，列名可用中文或英文，列的顺序不限；每行一条学习记录。',
            'The first row names the columns, in Chinese or English, in any order; one course a row.',
          ),
          t(
            '合格的行即导入，不合格的行逐行列出原因；同一文件再次导入不会重复登记。',
            'Valid rows are imported, each rejected row is listed with its reason; importing a file again records nothing twice.',
          ),
        ]}
        tables={[{ columns: IMPORT_COLUMNS.map((code) => ({ code, ...IMPORT_COLUMN_NAMES[code] })) }]}
      />

      <ImportDropzone
        testId="ce-import"
        maxBytes={IMPORT_MAX_BYTES}
        disabled={busy}
        hint={t(`.csv 或 .xlsx，不超过 ${MAX_MB}MB`, `.csv or .xlsx, at most ${MAX_MB} MB`)}
        onRefused={setRefusal}
        onFile={send}
      />

      {refusal && <Alert type="error" showIcon role="alert" style={{ marginTop: 16 }} message={refusal} data-testid="ce-import-refused" />}

      {state.step !== 'idle' && (
        <ImportProgress
          testId="ce-import"
          title={state.fileName}
          percent={percent}
          step={state.step}
          text={progressText}
          error={state.step === 'failed' ? state.error : undefined}
        />
      )}

      {state.step === 'done' && <ImportResult report={state.report} />}
    </section>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" style={{ marginTop: 16 }} title={t('导入结果', 'Result')} data-testid="ce-import-result">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('数据行', 'Rows')} value={report.total} data-testid="ce-import-total" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('已导入', 'Imported')} value={report.imported} data-testid="ce-import-imported" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('未导入', 'Rejected')}
            value={report.rejected}
            valueStyle={report.rejected ? { color: '#cf1322' } : undefined}
            data-testid="ce-import-rejected"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('涉及人员', 'People')} value={report.people} data-testid="ce-import-people" />
        </Col>
      </Row>
      {report.rejected === 0 ? (
        <Alert type="success" showIcon message={t('全部数据行已导入。', 'Every row was imported.')} />
      ) : (
        <>
          <Space style={{ marginBottom: 8 }} wrap>
            <Typography.Text strong>{t('未导入的行', 'Rejected rows')}</Typography.Text>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              data-testid="ce-import-download-rejected"
              onClick={() =>
                downloadText(t('继续教育导入-未导入行.csv', 'continuing-education-rejected-rows.csv'), rejectedRowsCsv(report.rows, lang))
              }
            >
              {t('下载报告（CSV）', 'Download (CSV)')}
            </Button>
          </Space>
          <Table<RejectedImportRow>
            size="small"
            rowKey="row"
            scroll={{ x: true }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={report.rows}
            data-testid="ce-import-rejected-rows"
            columns={[
              { title: t('行号', 'Row'), dataIndex: 'row', width: 72 },
              { title: t('字段', 'Field'), dataIndex: 'field', render: (v: RejectedImportRow['field']) => fieldName(v, lang) },
              { title: t('档案号', 'Archive number'), dataIndex: 'archiveNo' },
              { title: t('年度', 'Year'), dataIndex: 'year' },
              { title: t('课程', 'Course'), dataIndex: 'course' },
              { title: t('原因', 'Reason'), key: 'reason', render: (_, r) => ruleMessage(r, lang) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
