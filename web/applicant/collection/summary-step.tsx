import { Alert, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../lib/i18n.tsx';
import { ApiProblem, messageOf } from '../../lib/problems.ts';
import { FormSummary } from '../form-summary.tsx';
import type { RequestDetail, RequestStatus } from '../form-api.ts';
import { STEP_TITLES, type StepKey, stepOfPath } from './steps.ts';

/** The whole form to check, then submit (or resubmit what was returned); a refusal links each problem to its step. */
export function SummaryStep(props: {
  request: RequestDetail;
  submit: () => Promise<RequestStatus>;
  onSubmitted: (s: RequestStatus) => void;
  goTo: (step: StepKey) => void;
}) {
  const { t, lang } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const resubmitting = props.request.state === 'returned';
  const canSubmit = props.request.state === 'draft' || resubmitting;
  return (
    <Card data-testid="summary-step">
      <FormSummary form={props.request.form ?? {}} />
      {error != null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="part-alert"
          data-testid="submit-error"
          message={messageOf(error, lang)}
          description={
            error instanceof ApiProblem && error.problem.violations?.length ? (
              <ul className="violation-list">
                {error.problem.violations.map((v) => {
                  const step = stepOfPath(v.path);
                  return (
                    <li key={v.path + v.rule}>
                      {lang === 'zh' ? v.zh : v.en}{' '}
                      {step && (
                        <Button type="link" size="small" onClick={() => props.goTo(step)}>
                          {t(`去填写「${STEP_TITLES[step].zh}」`, `Go to ${STEP_TITLES[step].en}`)}
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ul>
            ) : undefined
          }
        />
      )}
      {canSubmit && (
        <Space className="part-actions">
          <Button
            type="primary"
            size="large"
            loading={busy}
            data-testid={resubmitting ? 'resubmit' : 'submit'}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                props.onSubmitted(await props.submit());
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            {resubmitting ? t('修改完成，重新提交', 'Resubmit') : t('提交审核', 'Submit for review')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
