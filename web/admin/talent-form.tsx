import { Form, InputNumber, Select } from 'antd';
import { useI18n } from '../lib/i18n.tsx';
import { optionsOf } from '../lib/labels.ts';
import { type TalentInput, useAddTalent } from './queries.ts';
import { RecordEntryForm } from './record-entry-form.tsx';

/** 高端会计人才: adds a talent title and its year of selection to the person's record. */
export function TalentForm({ personId }: { personId: string }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<TalentInput>();
  const add = useAddTalent(personId);
  return (
    <RecordEntryForm<TalentInput>
      form={form}
      testId="talent-form"
      submitText={t('添加高端人才记录', 'Add talent record')}
      submit={(v) => add.mutateAsync({ type: v.type, year: v.year })}
    >
      <Form.Item
        name="type"
        label={t('人才类型', 'Talent type')}
        rules={[{ required: true, message: t('请选择人才类型', 'Choose a type') }]}
      >
        <Select options={optionsOf('talentTypes', lang)} data-testid="talent-type" />
      </Form.Item>
      {/* The year's bounds are the API's rule (talent.year); it answers on this field. */}
      <Form.Item
        name="year"
        label={t('入选年度', 'Year of selection')}
        rules={[{ required: true, message: t('请填写入选年度', 'Enter the year') }]}
      >
        <InputNumber precision={0} controls={false} style={{ width: '100%' }} data-testid="talent-year" />
      </Form.Item>
    </RecordEntryForm>
  );
}
