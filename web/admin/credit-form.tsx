import { Form, Input, Select } from 'antd';
import { useI18n } from '../lib/i18n.tsx';
import { optionsOf } from '../lib/labels.ts';
import { type CreditInput, useAddCredit } from './queries.ts';
import { RecordEntryForm } from './record-entry-form.tsx';

/** 诚信信息: adds a 守信 (award) or 失信 (penalty) record, with its date, issuer and document number. */
export function CreditForm({ personId }: { personId: string }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<CreditInput>();
  const add = useAddCredit(personId);
  const required = (zh: string, en: string) => [{ required: true, whitespace: true, message: t(zh, en) }];
  return (
    <RecordEntryForm<CreditInput>
      form={form}
      testId="credit-form"
      submitText={t('添加诚信记录', 'Add credit record')}
      submit={(v) =>
        add.mutateAsync({
          kind: v.kind,
          occurredOn: v.occurredOn,
          issuer: v.issuer.trim(),
          documentNo: v.documentNo.trim(),
          description: v.description.trim(),
        })
      }
    >
      <Form.Item name="kind" label={t('类别', 'Kind')} rules={required('请选择守信或失信', 'Choose the kind')}>
        <Select options={optionsOf('creditKinds', lang)} data-testid="credit-kind" />
      </Form.Item>
      <Form.Item name="occurredOn" label={t('日期', 'Date')} rules={required('请填写日期', 'Enter the date')}>
        <Input type="date" data-testid="credit-date" />
      </Form.Item>
      <Form.Item name="issuer" label={t('发文或处罚机关', 'Issued by')} rules={required('请填写发文或处罚机关', 'Enter the issuer')}>
        <Input maxLength={100} data-testid="credit-issuer" />
      </Form.Item>
      <Form.Item name="documentNo" label={t('文号', 'Document number')} rules={required('请填写文号', 'Enter the document number')}>
        <Input maxLength={100} data-testid="credit-document-no" />
      </Form.Item>
      <Form.Item name="description" label={t('事由', 'Description')} rules={required('请填写事由', 'Enter the description')}>
        <Input.TextArea maxLength={500} rows={3} data-testid="credit-description" />
      </Form.Item>
    </RecordEntryForm>
  );
}
