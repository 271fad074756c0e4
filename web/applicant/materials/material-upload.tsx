import { CheckCircleFilled, ToolOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Image, Space, Tag, Typography } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../lib/i18n.tsx';
import { ApiProblem, messageOf } from '../../lib/problems.ts';
import { fitsRule, fixPhoto, fixScan, type ImageFacts, imageFacts, PHOTO_HEIGHT, PHOTO_WIDTH } from './photo-fix.ts';

export interface MaterialUploadProps {
  kind: string;
  /** Why this material is needed, from the rules. */
  why?: string;
  /** Where the uploaded material can be read (same origin, with the session cookie), if one is uploaded. */
  currentHref?: string;
  /** Changes whenever the uploaded bytes change, so the preview reloads. */
  currentVersion?: string;
  upload: (bytes: Blob) => Promise<void>;
  onUploaded?: () => void;
  disabled?: boolean;
  /** The reviewer's reason, when this material was returned. */
  returnedReason?: string;
}

/** The rule of a material, shown before choosing a file. */
export function ruleText(kind: string, t: (zh: string, en: string) => string) {
  return kind === 'photo'
    ? t(
        `JPEG 格式，${PHOTO_WIDTH}×${PHOTO_HEIGHT} 像素，白色背景，小于 20 KB。手机照片可在选择后自动裁剪压缩。`,
        `JPEG, ${PHOTO_WIDTH}×${PHOTO_HEIGHT} px, white background, under 20 KB. A phone photo can be cropped and compressed here.`,
      )
    : t('JPEG 格式扫描件，小于 50 KB。较大的图片可在选择后自动压缩。', 'A JPEG scan under 50 KB. A larger picture can be compressed here.');
}

/** One material: its rule, the chosen file's preview, a fix in the browser, the upload and the API's answer. */
export function MaterialUpload(props: MaterialUploadProps) {
  const { t, lang, label } = useI18n();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<Blob | null>(null);
  const [facts, setFacts] = useState<ImageFacts | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'upload' | 'fix' | null>(null);
  const [fixFailed, setFixFailed] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const choose = async (f: Blob | null) => {
    setError(null);
    setDone(false);
    setFixFailed(false);
    setFile(f);
    setPreview(f ? URL.createObjectURL(f) : null);
    setFacts(f ? await imageFacts(f) : null);
  };

  const fix = async () => {
    if (!file) return;
    setBusy('fix');
    try {
      const fixed = props.kind === 'photo' ? await fixPhoto(file) : await fixScan(file, props.kind);
      await choose(fixed);
    } catch {
      setFixFailed(true);
    } finally {
      setBusy(null);
    }
  };

  const upload = async () => {
    if (!file) return;
    setBusy('upload');
    setError(null);
    try {
      await props.upload(file);
      setDone(true);
      setFile(null);
      setPreview(null);
      setFacts(null);
      if (input.current) input.current.value = '';
      props.onUploaded?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const name = label('materialKinds', props.kind);
  const needsFix = facts !== null && !fitsRule(props.kind, facts);
  return (
    <Card
      size="small"
      className={props.returnedReason ? 'material-card returned-field' : 'material-card'}
      data-testid={`material-${props.kind}`}
      title={
        <Space wrap>
          <span>{name}</span>
          {props.currentHref && (
            <Tag color="green" icon={<CheckCircleFilled />} data-testid={`material-${props.kind}-uploaded`}>
              {t('已上传', 'Uploaded')}
            </Tag>
          )}
        </Space>
      }
    >
      {props.returnedReason && (
        <Alert
          type="warning"
          showIcon
          className="part-alert"
          data-testid={`returned-reason-materials.${props.kind}`}
          message={`退回原因：${props.returnedReason}`}
        />
      )}
      {props.why && <Typography.Paragraph type="secondary">{props.why}</Typography.Paragraph>}
      <Typography.Paragraph data-testid={`material-${props.kind}-rule`}>
        <strong>{t('要求：', 'Rule: ')}</strong>
        {ruleText(props.kind, t)}
      </Typography.Paragraph>
      <Space wrap align="start" size="large">
        {props.currentHref && !preview && (
          <figure className="material-figure">
            <Image
              src={`${props.currentHref}?v=${encodeURIComponent(props.currentVersion ?? '')}`}
              alt={t(`已上传的${name}`, `Uploaded ${name}`)}
              width={props.kind === 'photo' ? PHOTO_WIDTH : 160}
            />
            <figcaption>{t('当前材料', 'Current')}</figcaption>
          </figure>
        )}
        {preview && (
          <figure className="material-figure">
            <Image
              src={preview}
              alt={t(`待上传的${name}预览`, `Preview of ${name}`)}
              width={props.kind === 'photo' ? PHOTO_WIDTH : 160}
              data-testid={`material-${props.kind}-preview`}
            />
            {facts && (
              <figcaption data-testid={`material-${props.kind}-facts`}>
                {facts.width}×{facts.height} · {(facts.bytes / 1024).toFixed(1)} KB{facts.jpeg ? '' : ' · 非 JPEG'}
              </figcaption>
            )}
          </figure>
        )}
      </Space>
      {!props.disabled && (
        <div className="material-actions">
          <label htmlFor={inputId} className="visually-hidden">
            {t(`选择${name}文件`, `Choose the ${name} file`)}
          </label>
          <input
            id={inputId}
            ref={input}
            type="file"
            accept="image/jpeg,image/*"
            className="visually-hidden"
            data-testid={`material-${props.kind}-file`}
            onChange={(e) => void choose(e.target.files?.[0] ?? null)}
          />
          <Space wrap>
            <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} data-testid={`material-${props.kind}-choose`}>
              {props.currentHref ? t('重新选择', 'Choose another') : t('选择文件', 'Choose a file')}
            </Button>
            {file && needsFix && (
              <Button icon={<ToolOutlined />} onClick={fix} loading={busy === 'fix'} data-testid={`material-${props.kind}-fix`}>
                {props.kind === 'photo'
                  ? t('自动裁剪为 114×156 并压缩', 'Crop to 114×156 and compress')
                  : t('自动压缩到 50 KB 以内', 'Compress under 50 KB')}
              </Button>
            )}
            {file && (
              <Button type="primary" onClick={upload} loading={busy === 'upload'} data-testid={`material-${props.kind}-upload`}>
                {t('上传', 'Upload')}
              </Button>
            )}
          </Space>
          {file && needsFix && (
            <Alert
              type="warning"
              showIcon
              className="material-note"
              data-testid={`material-${props.kind}-warning`}
              message={t(
                '此文件不符合要求，上传会被拒绝；可先自动调整。',
                'This file does not meet the rule and would be refused; fix it first.',
              )}
            />
          )}
          {fixFailed && (
            <Alert
              type="error"
              showIcon
              className="material-note"
              message={t('无法自动调整此图片，请换一张。', 'This picture cannot be fixed; choose another.')}
            />
          )}
        </div>
      )}
      {error != null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="material-note"
          data-testid={`material-${props.kind}-error`}
          message={messageOf(error, lang)}
          description={
            error instanceof ApiProblem && error.problem.violations?.length
              ? (() => {
                  const text = error.problem.violations.map((v) => (lang === 'zh' ? v.zh : v.en)).join('；');
                  return text === messageOf(error, lang) ? undefined : text;
                })()
              : undefined
          }
        />
      )}
      {done && (
        <Alert
          type="success"
          showIcon
          className="material-note"
          role="status"
          data-testid={`material-${props.kind}-done`}
          message={t('已上传并通过检查', 'Uploaded and accepted')}
        />
      )}
    </Card>
  );
}
