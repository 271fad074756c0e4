import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Grid, Progress, Select, Steps, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorState, Loading } from '../../app/states.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { isEditable, type PartBody, type PartName, requestsApi } from '../form-api.ts';
import { BasicPart } from '../parts/basic-part.tsx';
import { DistrictPart } from '../parts/district-part.tsx';
import { EducationPart } from '../parts/education-part.tsx';
import type { PartMode } from '../parts/part-form.tsx';
import { QualificationsPart } from '../parts/qualifications-part.tsx';
import { SituationPart } from '../parts/situation-part.tsx';
import { StudentPart } from '../parts/student-part.tsx';
import { WorkPart } from '../parts/work-part.tsx';
import { keys, useRequestDetail, useRequestStatus } from '../queries.ts';
import { CommitmentStep } from './commitment-step.tsx';
import { MaterialsStep } from './materials-step.tsx';
import { STEP_TITLES, type StepKey, stepsFor } from './steps.ts';
import { SummaryStep } from './summary-step.tsx';

/**
 * 信息采集, step by step: each part is saved to the API as it is completed and checked at once; the step
 * is in the address, and the draft lives on the server, so a reload or a later visit resumes it.
 */
export function CollectionWizard() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { t, lang, label } = useI18n();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const detail = useRequestDetail(id);
  const status = useRequestStatus(id);
  const refresh = () =>
    Promise.all([qc.invalidateQueries({ queryKey: keys.detail(id) }), qc.invalidateQueries({ queryKey: keys.status(id) })]);

  const form = detail.data?.form ?? {};
  const steps = stepsFor(form.situation);
  const firstOpen = steps.find((s) => s !== 'summary' && s !== 'materials' && s !== 'commitment' && form[s] === undefined);
  const requested = params.get('step') as StepKey | null;
  const current: StepKey =
    requested && steps.includes(requested) ? requested : (firstOpen ?? (detail.data?.commitmentAcceptedAt ? 'summary' : 'materials'));

  if (detail.isPending || status.isPending) return <Loading />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  if (status.isError) return <ErrorState error={status.error} retry={() => status.refetch()} />;
  const request = detail.data;
  const state = request.state;
  const returned = state === 'returned' ? status.data.returned?.reasons : undefined;
  const mode: PartMode = state === 'returned' ? { returned: returned ?? [] } : { locked: !isEditable(state) };

  const goTo = (s: StepKey) => {
    setParams({ step: s });
    window.scrollTo({ top: 0 });
  };
  const next = () => {
    const i = steps.indexOf(current);
    goTo(steps[Math.min(i + 1, steps.length - 1)]!);
  };
  const savedThenNext = async () => {
    await refresh();
    next();
  };
  const save =
    <P extends PartName>(part: P) =>
    (body: PartBody<P>) =>
      requestsApi.savePart(id, part, body);
  const back =
    steps.indexOf(current) > 0 ? (
      <Button onClick={() => goTo(steps[steps.indexOf(current) - 1]!)} data-testid="step-back">
        {t('上一步', 'Back')}
      </Button>
    ) : null;
  const common = { mode, onSaved: savedThenNext, extraActions: back };
  const returnedParts = new Set((returned ?? []).map((r) => r.path.split('.')[0]));

  let body: React.ReactNode;
  switch (current) {
    case 'situation':
      body = <SituationPart {...common} initial={form.situation} save={save('situation')} />;
      break;
    case 'basic':
      body = <BasicPart {...common} initial={form.basic} save={save('basic')} />;
      break;
    case 'education':
      body = <EducationPart {...common} initial={form.education} save={save('education')} />;
      break;
    case 'work':
      body = <WorkPart {...common} initial={form.work} save={save('work')} />;
      break;
    case 'student':
      body = <StudentPart {...common} initial={form.student} save={save('student')} />;
      break;
    case 'qualifications':
      body = (
        <QualificationsPart
          {...common}
          required={form.situation !== 'accountingWork'}
          initial={form.qualifications}
          save={save('qualifications')}
        />
      );
      break;
    case 'district':
      body = (
        <DistrictPart
          {...common}
          initial={form.district}
          situation={form.situation}
          unitDistrict={form.work?.unitDistrict}
          schoolDistrict={form.student?.schoolDistrict}
          save={save('district')}
        />
      );
      break;
    case 'materials':
      body = <MaterialsStep request={request} returned={returned} locked={!!mode.locked} onUploaded={refresh} onNext={next} />;
      break;
    case 'commitment':
      body = (
        <CommitmentStep
          acceptedAt={request.commitmentAcceptedAt}
          accept={() => requestsApi.acceptCommitment(id)}
          onDone={() => void refresh().then(next)}
          disabled={!!mode.locked}
        />
      );
      break;
    case 'summary':
      body = (
        <SummaryStep
          request={request}
          goTo={goTo}
          submit={() => (state === 'returned' ? requestsApi.resubmit(id) : requestsApi.submit(id))}
          onSubmitted={() => {
            void qc.invalidateQueries({ queryKey: ['requests'] });
            navigate(`/applicant/requests/${id}`);
          }}
        />
      );
      break;
  }

  return (
    <section aria-labelledby="collection-heading" data-testid="collection-wizard" data-request-id={id} data-state={state}>
      <Typography.Title level={2} id="collection-heading" className="page-heading">
        {t('信息采集', 'Information collection')}
      </Typography.Title>
      {state !== 'draft' && (
        <Alert
          type={state === 'returned' ? 'warning' : 'info'}
          showIcon
          className="part-alert"
          data-testid="wizard-state"
          message={t(`当前状态：${label('states', state)}`, `State: ${label('states', state)}`)}
          description={
            state === 'returned'
              ? t('请修改标出的内容后，在「核对并提交」中重新提交。', 'Correct what is marked, then resubmit from the last step.')
              : undefined
          }
          action={<Link to={`/applicant/requests/${id}`}>{t('查看进度', 'Progress')}</Link>}
        />
      )}
      {!screens.md ? (
        <div className="wizard-compact" data-testid="wizard-progress">
          <Progress percent={Math.round(((steps.indexOf(current) + 1) / steps.length) * 100)} showInfo={false} size="small" />
          <Select
            aria-label={t('跳转到步骤', 'Go to step')}
            value={current}
            onChange={(s) => goTo(s)}
            style={{ width: '100%' }}
            options={steps.map((s, i) => ({
              value: s,
              label: `${t(`第 ${i + 1}/${steps.length} 步`, `Step ${i + 1}/${steps.length}`)} · ${lang === 'zh' ? STEP_TITLES[s].zh : STEP_TITLES[s].en}`,
            }))}
          />
        </div>
      ) : (
        <Steps
          size="small"
          current={steps.indexOf(current)}
          responsive
          className="wizard-steps"
          onChange={(i) => goTo(steps[i]!)}
          items={steps.map((s) => ({
            title: lang === 'zh' ? STEP_TITLES[s].zh : STEP_TITLES[s].en,
            status:
              s === current
                ? 'process'
                : returnedParts.has(s)
                  ? 'error'
                  : (
                        s === 'materials'
                          ? request.materials.length > 0
                          : s === 'commitment'
                            ? !!request.commitmentAcceptedAt
                            : form[s as PartName] !== undefined
                      )
                    ? 'finish'
                    : 'wait',
          }))}
        />
      )}
      <Card
        className="wizard-card"
        title={
          <h3 className="card-heading" data-testid="step-title">
            {lang === 'zh' ? STEP_TITLES[current].zh : STEP_TITLES[current].en}
          </h3>
        }
        data-testid={`step-${current}`}
      >
        {body}
      </Card>
    </section>
  );
}
