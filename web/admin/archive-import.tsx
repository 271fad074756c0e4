import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { components } from '../../api-client/index.ts';
import {
  ARCHIVE_COLUMNS,
  ARCHIVE_IMPORT_MAX_BYTES,
  ARCHIVE_SHEET_NAMES,
  ARCHIVE_SHEETS,
  type ArchiveSheet,
} from '../../domain/archive-import.ts';
import { api, unwrap } from '../lib/api.ts';
import { csvOf } from '../lib/csv.ts';
import { downloadText } from '../lib/download.ts';
import { useI18n } from '../lib/i18n.tsx';
import { uploadWithProgress } from '../lib/upload.ts';
import { ImportDropzone, ImportProgress, ImportRules } from './import-parts.tsx';

type Job = components['schemas']['ArchiveImportJob'];
type RejectedRow = components['schemas']['ArchiveRejectedRow'];
const MAX_MB = ARCHIVE_IMPORT_MAX_BYTES / 1024 / 1024;

/** The sheet a CSV file holds, by its name (people.csv, 人员.csv, …). */
const sheetOfName = (name: string): ArchiveSheet | undefined => {
  const base = name
    .replace(/\.csv$/i, '')
    .trim()
    .toLowerCase();
  return ARCHIVE_SHEETS.find((s) => ARCHIVE_SHEET_NAMES[s].en.toLowerCase() === base || ARCHIVE_SHEET_NAMES[s].zh === base);
};

type Upload =
  | { step: 'idle' }
  | { step: 'uploading'; percent: number }
  | { step: 'started'; jobId: string }
  | { step: 'failed'; error: unknown };

/** 存量档案迁移: the file's rules, the files chosen, the upload's and the job's progress, then the rejected rows. */
export function ArchiveImportPage() {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [upload, setUpload] = useState<Upload>({ step: 'idle' });
  const [refusal, setRefusal] = useState<string | null>(null);
  const jobId = upload.step === 'started' ? upload.jobId : null;
  const job = useQuery({
    queryKey: ['archive-import', jobId],
    enabled: jobId !== null,
    queryFn: async () => (await unwrap(api.GET('/admin/archive-imports/{id}', { params: { path: { id: jobId! } } }))) as Job,
    refetchInterval: (q) => (q.state.data?.state === 'running' || !q.state.data ? 1000 : false),
  });
  const finished = job.data && job.data.state !== 'running';
  useEffect(() => {
    if (job.data?.state === 'done') void client.invalidateQueries({ queryKey: ['statistics'] });
  }, [job.data?.state, client]);

  const add = async (file: File) => {
    if (/\.xlsx$/i.test(file.name)) setFiles([file]);
    else if (!sheetOfName(file.name)) {
      setRefusal(
        t(
          `无法识别“${file.name}”：CSV 文件请命名为 人员.csv、学历学位.csv、专业技术资格.csv、继续教育.csv（或 people.csv 等）`,
          `Cannot tell what "${file.name}" holds: name the CSV files people.csv, education.csv, qualifications.csv, continuingEducation.csv`,
        ),
      );
    } else {
      setFiles((list) => [...list.filter((f) => !/\.xlsx$/i.test(f.name) && sheetOfName(f.name) !== sheetOfName(file.name)), file]);
    }
  };

  const start = async () => {
    const form = new FormData();
    const workbook = files.find((f) => /\.xlsx$/i.test(f.name));
    if (workbook) form.append('file', workbook, workbook.name);
    else for (const f of files) form.append(sheetOfName(f.name)!, f, f.name);
    setUpload({ step: 'uploading', percent: 0 });
    try {
      const started = await uploadWithProgress<Job>('/admin/archive-imports', form, {
        onProgress: ({ loaded, total }) =>
          setUpload((s) =>
            s.step === 'uploading' ? { step: 'uploading', percent: total ? Math.min(100, Math.round((loaded / total) * 100)) : 0 } : s,
          ),
      });
      setUpload({ step: 'started', jobId: started.id });
    } catch (error) {
      setUpload({ step: 'failed', error });
    }
  };

  const busy = upload.step === 'uploading' || (upload.step === 'started' && !finished);
  const ready = files.some((f) => /\.xlsx$/i.test(f.name) || sheetOfName(f.name) === 'people');
  const p = job.data?.progress;
  const jobPercent = !p ? 0 : p.phase === 'done' ? 100 : p.total ? Math.round((p.settled / p.total) * 100) : 0;
  const jobText = !job.data
    ? t('正在排队…', 'Queued…')
    : job.data.state === 'failed'
      ? t(`导入失败：${job.data.error?.zh ?? ''}`, `Import failed: ${job.data.error?.en ?? ''}`)
      : p?.phase === 'reading'
        ? t(`正在读取文件，已读 ${p.settled} 行`, `Reading the files: ${p.settled} rows`)
        : p?.phase === 'importing'
          ? t(`正在导入 ${p.settled}/${p.total ?? '?'} 人`, `Importing ${p.settled}/${p.total ?? '?'} people`)
          : p?.phase === 'done'
            ? t('导入完成', 'Imported')
            : t('正在排队…', 'Queued…');

  return (
    <section aria-labelledby="archive-import-heading" data-testid="archive-import">
      <Typography.Title level={2} id="archive-import-heading" className="page-heading">
        {t('存量档案迁移', 'Archive migration')}
      </Typography.Title>
      <ImportRules
        testId="archive-import"
        onTemplate={() => {
          for (const s of ARCHIVE_SHEETS) {
            downloadText(`${ARCHIVE_SHEET_NAMES[s].zh}.csv`, csvOf([Object.values(ARCHIVE_COLUMNS[s]).map((c) => c.zh)]));
          }
        }}
        items={[
          t(
            `一个 Excel 工作簿（.xlsx，工作表：人员、学历学位、专业技术资格、继续教育），或 CSV 文件（UTF-8，文件名：人员.csv、学历学位.csv、专业技术资格.csv、继续教育.csv），合计不超过 ${MAX_MB}MB；更大的档案请使用命令行工具 tools/import-archive.ts。`,
            `One Excel workbook (.xlsx, sheets 人员 / 学历学位 / 专业技术资格 / 继续教育 or people / education / qualifications / continuingEducation), or CSV files (UTF-8) named after them, at most ${MAX_MB} MB together; bigger archives: tools/import-archive.ts.`,
          ),
          t(
            '人员表每人一行；其余各表每行以证件号码对应人员。枚举项可填代码或中文名称，日期为“年-月-日”，会计工作岗位以“；”分隔。',
            'One row per person in people; every row of the other sheets names its person by ID number. Enumerations take the code or the Chinese name, dates YYYY-MM-DD, posts separated by ";".',
          ),
          t(
            '每人按网上采集的同一规则校验；任何一行不合格，该人员整体不导入，逐行列出规则与列。已建档的人员保持不变，同一文件再次导入不会产生任何变化。',
            'Everyone is checked by the rules of an online collection; a person with any bad row is not imported at all, each bad row listed with its rule and column. People on record stay as they are: importing a file again changes nothing.',
          ),
        ]}
        tables={ARCHIVE_SHEETS.map((s) => ({
          title: lang === 'zh' ? ARCHIVE_SHEET_NAMES[s].zh : ARCHIVE_SHEET_NAMES[s].en,
          columns: Object.entries(
            ARCHIVE_COLUMNS[s] as Record<string, { zh: string; rule: { zh: string; en: string }; required?: boolean }>,
          ).map(([code, c]) => ({
            code,
            zh: c.required ? `${c.zh}（必填）` : c.zh,
            en: c.required ? `${code}, required` : code,
            rule: c.rule,
          })),
        }))}
      />

      <ImportDropzone
        testId="archive-import"
        maxBytes={ARCHIVE_IMPORT_MAX_BYTES}
        multiple
        disabled={busy}
        hint={t(`一个 .xlsx，或多个 .csv，不超过 ${MAX_MB}MB`, `one .xlsx, or several .csv, at most ${MAX_MB} MB`)}
        onRefused={setRefusal}
        onFile={add}
      />
      {refusal && (
        <Alert type="error" showIcon role="alert" style={{ marginTop: 16 }} message={refusal} data-testid="archive-import-refused" />
      )}
      {files.length > 0 && (
        <Space style={{ marginTop: 16 }} wrap data-testid="archive-import-files">
          {files.map((f) => (
            <Tag key={f.name} closable={!busy} onClose={() => setFiles((list) => list.filter((x) => x !== f))}>
              {f.name}
              {!/\.xlsx$/i.test(f.name) && ` → ${ARCHIVE_SHEET_NAMES[sheetOfName(f.name)!][lang]}`}
            </Tag>
          ))}
          <Button type="primary" disabled={!ready || busy} onClick={start} data-testid="archive-import-start">
            {t('开始导入', 'Import')}
          </Button>
        </Space>
      )}

      {upload.step !== 'idle' && (
        <ImportProgress
          testId="archive-import-upload"
          title={t('上传', 'Upload')}
          percent={upload.step === 'uploading' ? upload.percent : 100}
          step={upload.step === 'failed' ? 'failed' : upload.step === 'uploading' ? 'uploading' : 'done'}
          text={
            upload.step === 'uploading'
              ? t(`正在上传 ${upload.percent}%`, `Uploading ${upload.percent}%`)
              : upload.step === 'failed'
                ? t('上传失败', 'Upload failed')
                : t('上传完成', 'Uploaded')
          }
          error={upload.step === 'failed' ? upload.error : undefined}
        />
      )}
      {jobId && (
        <ImportProgress
          testId="archive-import-job"
          title={t('导入任务', 'Import job')}
          label={t('导入进度', 'Import progress')}
          percent={jobPercent}
          step={job.data?.state === 'failed' ? 'failed' : finished ? 'done' : 'importing'}
          text={jobText}
          error={job.error ?? undefined}
        />
      )}
      {jobId && job.data?.report && <ArchiveResult jobId={jobId} report={job.data.report} />}
    </section>
  );
}

function ArchiveResult({ jobId, report }: { jobId: string; report: NonNullable<Job['report']> }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" style={{ marginTop: 16 }} title={t('导入结果', 'Result')} data-testid="archive-import-result">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('人员', 'People')} value={report.people} data-testid="archive-import-people" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('已导入', 'Imported')} value={report.imported} data-testid="archive-import-imported" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('已建档，未变', 'Already on record')} value={report.unchanged} data-testid="archive-import-unchanged" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('未导入', 'Rejected')}
            value={report.rejectedPeople}
            valueStyle={report.rejectedPeople ? { color: '#cf1322' } : undefined}
            data-testid="archive-import-rejected"
          />
        </Col>
      </Row>
      {report.rows.length === 0 ? (
        <Alert type="success" showIcon message={t('没有不合格的行。', 'No row was rejected.')} />
      ) : (
        <>
          <Space style={{ marginBottom: 8 }} wrap>
            <Typography.Text strong>{t('不合格的行', 'Rejected rows')}</Typography.Text>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={`/admin/archive-imports/${jobId}/report.csv`}
              data-testid="archive-import-download-rejected"
            >
              {t('下载报告（CSV）', 'Download (CSV)')}
            </Button>
          </Space>
          <Table<RejectedRow>
            size="small"
            rowKey={(r) => `${r.sheet}-${r.row}-${r.rule}-${r.column ?? ''}`}
            scroll={{ x: true }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={report.rows}
            data-testid="archive-import-rejected-rows"
            columns={[
              { title: t('表', 'Sheet'), dataIndex: 'sheet', render: (s: ArchiveSheet) => ARCHIVE_SHEET_NAMES[s][lang] },
              { title: t('行号', 'Row'), dataIndex: 'row', width: 72 },
              {
                title: t('列', 'Column'),
                key: 'column',
                render: (_, r) => {
                  if (!r.column) return t('整行', 'Whole row');
                  const zh = (ARCHIVE_COLUMNS[r.sheet] as Record<string, { zh: string }>)[r.column]?.zh;
                  return lang === 'zh' && zh ? zh : r.column;
                },
              },
              { title: t('证件号码', 'ID number'), dataIndex: 'idNumber' },
              { title: t('规则', 'Rule'), dataIndex: 'rule' },
              { title: t('原因', 'Reason'), key: 'reason', render: (_, r) => (lang === 'zh' ? r.detail_zh : r.detail) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
