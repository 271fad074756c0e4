import { Alert, Button, Form, type FormInstance } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { ApiProblem, messageOf, showViolations } from '../lib/problems.ts';

export interface RecordEntryFormProps<V> {
  form: FormInstance<V>;
  testId: string;
  submitText: string;
  /** Sends the entry; a refusal's violations land on their fields, anything else shows above the button. */
  submit: (values: V) => Promise<unknown>;
  children: ReactNode;
}

/** A form adding one entry to a record (a talent, a credit record), with the API's refusals in Chinese on their fields. */
export function RecordEntryForm<V extends object>({ form, testId, submitText, submit, children }: RecordEntryFormProps<V>) {
  const { t, lang } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  return (
    <Form<V>
      form={form}
      layout="vertical"
      data-testid={testId}
      onValuesChange={() => setSaved(false)}
      onFinish={async (values) => {
        setError(null);
        setSaved(false);
        setSaving(true);
        try {
          await submit(values);
          form.resetFields();
          setSaved(true);
        } catch (e) {
          const unplaced = showViolations(form, e, { lang });
          const placedAll = e instanceof ApiProblem && !!e.problem.violations?.length && unplaced.length === 0;
          if (!placedAll) setError(e);
        } finally {
          setSaving(false);
        }
      }}
    >
      {children}
      {error != null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          data-testid={`${testId}-error`}
          message={messageOf(error, lang)}
        />
      )}
      {saved && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid={`${testId}-saved`} message={t('已添加', 'Added')} />
      )}
      <Button type="primary" htmlType="submit" loading={saving} data-testid={`${testId}-submit`}>
        {submitText}
      </Button>
    </Form>
  );
}
