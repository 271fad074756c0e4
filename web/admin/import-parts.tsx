/** The parts of the console's import pages (继续教育导入, 存量档案迁移): the file rules, the drop zone, the progress. */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Table, Typography, Upload } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { messageOf } from '../lib/problems.ts';

export interface ColumnRule {
  code: string;
  zh: string;
  en: string;
  rule: { zh: string; en: string };
}

/** The file's rules: a list of sentences, then one table of columns per sheet, with a template to download. */
export function ImportRules(props: {
  testId: string;
  items: ReactNode[];
  tables: { title?: string; columns: ColumnRule[] }[];
  onTemplate: () => void;
}) {
  const { t, lang } = useI18n();
  return (
    <Card
      size="small"
      title={t('文件要求', 'File rules')}
      style={{ marginBottom: 16 }}
      data-testid={`${props.testId}-rules`}
      extra={
        <Button size="small" icon={<DownloadOutlined />} data-testid={`${props.testId}-template`} onClick={props.onTemplate}>
          {t('下载模板', 'Template')}
        </Button>
      }
    >
      <ul style={{ paddingLeft: 18, marginTop: 0 }}>
        {props.items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of sentences
          <li key={i}>{item}</li>
        ))}
      </ul>
      {props.tables.map((table) => (
        <div key={table.title ?? 'columns'}>
          {table.title && <Typography.Text strong>{table.title}</Typography.Text>}
          <Table
            size="small"
            pagination={false}
            rowKey="code"
            style={{ marginBottom: 8 }}
            dataSource={table.columns}
            columns={[
              { title: t('列名', 'Column'), key: 'name', render: (_, c) => (lang === 'zh' ? c.zh : `${c.en} (${c.code})`) },
              { title: t('填写要求', 'What it holds'), key: 'rule', render: (_, c) => c.rule[lang] },
            ]}
          />
        </div>
      ))}
    </Card>
  );
}

/** The drop zone: checks the names and the size before anything is sent. */
export function ImportDropzone(props: {
  testId: string;
  maxBytes: number;
  multiple?: boolean;
  disabled: boolean;
  hint: string;
  onRefused: (why: string | null) => void;
  onFile: (file: File) => Promise<void>;
}) {
  const { t } = useI18n();
  const mb = props.maxBytes / 1024 / 1024;
  return (
    <Upload.Dragger
      accept=".csv,.xlsx"
      multiple={props.multiple ?? false}
      showUploadList={false}
      disabled={props.disabled}
      data-testid={`${props.testId}-upload`}
      beforeUpload={(file) => {
        props.onRefused(null);
        if (!/\.(csv|xlsx)$/i.test(file.name)) {
          props.onRefused(t('只能导入 .csv 或 .xlsx 文件', 'Only .csv or .xlsx files can be imported'));
          return Upload.LIST_IGNORE;
        }
        if (file.size > props.maxBytes) {
          props.onRefused(t(`文件不能超过 ${mb}MB，请拆分后分别导入`, `The file must be at most ${mb} MB; split it`));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        props.onFile(file as File).then(
          () => onSuccess?.(null),
          (e) => onError?.(e),
        );
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('点击或拖入文件导入', 'Click or drop a file to import')}</p>
      <p className="ant-upload-hint">{props.hint}</p>
    </Upload.Dragger>
  );
}

/** One progress bar with its words, and the problem when the import failed. */
export function ImportProgress(props: {
  testId: string;
  title: string;
  percent: number;
  step: string;
  text: string;
  error?: unknown;
  label?: string;
}) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" style={{ marginTop: 16 }} title={props.title}>
      <Progress
        percent={props.percent}
        status={props.step === 'failed' ? 'exception' : props.step === 'done' ? 'success' : 'active'}
        aria-label={props.label ?? t('上传进度', 'Upload progress')}
        data-testid={`${props.testId}-progress`}
        data-step={props.step}
      />
      <Typography.Text type="secondary" data-testid={`${props.testId}-progress-text`}>
        {props.text}
      </Typography.Text>
      {props.step === 'failed' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 12 }}
          message={messageOf(props.error, lang)}
          data-testid={`${props.testId}-error`}
        />
      )}
    </Card>
  );
}
