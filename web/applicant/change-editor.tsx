import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { label as labelOf } from '../lib/labels.ts';
import { ApiProblem, messageOf } from '../lib/problems.ts';
import { CommitmentStep } from './collection/commitment-step.tsx';
import { isEditable, type MaterialKind, type PartBody, requestsApi } from './form-api.ts';
import { MaterialUpload } from './materials/material-upload.tsx';
import { materialWhy } from './materials/why.ts';
import { BasicPart } from './parts/basic-part.tsx';
import { DistrictPart } from './parts/district-part.tsx';
import { EducationPart } from './parts/education-part.tsx';
import type { PartMode } from './parts/part-form.tsx';
import { QualificationsPart } from './parts/qualifications-part.tsx';
import { WorkPart } from './parts/work-part.tsx';
import { keys, useMyRecord, useRequestDetail, useRequestStatus } from './queries.ts';

type Part = 'basic' | 'education' | 'work' | 'qualifications' | 'district';
const PARTS: Part[] = ['work', 'education', 'qualifications', 'district', 'basic'];
/** The proof each changed part brings. */
const PROOF: Record<Part, MaterialKind> = {
  basic: 'idDocument',
  education: 'educationCertificate',
  work: 'workProof',
  qualifications: 'qualificationCertificate',
  district: 'workProof',
};

/** A change request: the parts that change (starting from the record), their proof, the commitment, submit. */
export function ChangeEditor() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const detail = useRequestDetail(id);
  const status = useRequestStatus(id);
  const record = useMyRecord();
  const [part, setPart] = useState<Part>('work');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () =>
    Promise.all([qc.invalidateQueries({ queryKey: keys.detail(id) }), qc.invalidateQueries({ queryKey: keys.status(id) })]);
  if (detail.isPending || status.isPending || record.isPending) return <Loading />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  if (status.isError) return <ErrorState error={status.error} retry={() => status.refetch()} />;
  const request = detail.data;
  const form = request.form ?? {};
  const rec = record.data ?? {};
  const returned = request.state === 'returned' ? status.data.returned?.reasons : undefined;
  const mode: PartMode = request.state === 'returned' ? { returned: returned ?? [] } : { locked: !isEditable(request.state) };
  const initial = (p: Part) => form[p] ?? (p === 'district' ? { code: rec.districtCode, basis: rec.districtBasis } : rec[p]);
  const common = {
    mode,
    save: (body: PartBody<Part>) => requestsApi.savePart(id, part, body),
    onSaved: refresh,
    submitText: t('保存此项变更', 'Save this change'),
  };
  const changed = PARTS.filter((p) => form[p] !== undefined);
  const proofs = [...new Set(changed.map((p) => PROOF[p]))];
  const uploaded = new Map(request.materials.map((m) => [m.kind, m]));
  return (
    <section aria-labelledby="change-editor-heading" data-testid="change-editor">
      <Typography.Title level={2} id="change-editor-heading" className="page-heading">
        {t('信息变更申请', 'Change request')}
      </Typography.Title>
      <Card>
        <Segmented
          block
          value={part}
          onChange={(v) => setPart(v as Part)}
          options={PARTS.map((p) => ({ value: p, label: `${labelOf('formParts', p, lang)}${form[p] !== undefined ? ' ✓' : ''}` }))}
          data-testid="change-part"
          className="part-alert"
        />
        {part === 'basic' && <BasicPart key="basic" {...common} initial={initial('basic')} />}
        {part === 'education' && <EducationPart key="education" {...common} initial={initial('education')} />}
        {part === 'work' && <WorkPart key="work" {...common} initial={initial('work')} />}
        {part === 'qualifications' && <QualificationsPart key="q" {...common} required={false} initial={initial('qualifications')} />}
        {part === 'district' && (
          <DistrictPart
            key="district"
            {...common}
            initial={initial('district')}
            situation={rec.situation}
            unitDistrict={(form.work ?? rec.work)?.unitDistrict}
          />
        )}
      </Card>
      <Card className="timeline-card" title={<h3 className="card-heading">{t('证明材料', 'Proof')}</h3>}>
        {proofs.length === 0 ? (
          <Typography.Text type="secondary">
            {t('保存要变更的内容后，这里会列出需要上传的证明。', 'Save what changes; the proof it needs appears here.')}
          </Typography.Text>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {proofs.map((k) => (
              <MaterialUpload
                key={k}
                kind={k}
                why={materialWhy(k, lang)}
                currentHref={uploaded.has(k) ? requestsApi.materialHref(id, k) : undefined}
                currentVersion={uploaded.get(k)?.sha256}
                disabled={!!mode.locked}
                returnedReason={returned?.find((r) => r.path === `materials.${k}`)?.reason}
                upload={(bytes) => requestsApi.uploadMaterial(id, k, bytes)}
                onUploaded={refresh}
              />
            ))}
          </Space>
        )}
      </Card>
      <div className="timeline-card">
        <CommitmentStep
          acceptedAt={request.commitmentAcceptedAt}
          accept={() => requestsApi.acceptCommitment(id)}
          onDone={() => void refresh()}
          disabled={!!mode.locked}
        />
      </div>
      <Card className="timeline-card">
        {error != null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="part-alert"
            data-testid="submit-error"
            message={messageOf(error, lang)}
            description={
              error instanceof ApiProblem && error.problem.violations?.length
                ? error.problem.violations.map((v) => (lang === 'zh' ? v.zh : v.en)).join('；')
                : undefined
            }
          />
        )}
        {isEditable(request.state) && (
          <Button
            type="primary"
            size="large"
            loading={busy}
            data-testid={request.state === 'returned' ? 'resubmit' : 'submit'}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await (request.state === 'returned' ? requestsApi.resubmit(id) : requestsApi.submit(id));
                void qc.invalidateQueries({ queryKey: ['requests'] });
                navigate(`/applicant/requests/${id}`);
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            {request.state === 'returned' ? t('重新提交', 'Resubmit') : t('提交变更申请', 'Submit the change')}
          </Button>
        )}
      </Card>
    </section>
  );
}
