import { Radio, Space } from 'antd';
import { useI18n } from '../../lib/i18n.tsx';
import { optionsOf } from '../../lib/labels.ts';
import type { SituationPart as Situation } from '../form-api.ts';
import { FieldItem, PartForm } from './part-form.tsx';
import type { PartProps } from './types.ts';

/** 采集对象类别: which of the three groups the applicant belongs to (decides district and materials). */
export function SituationPart(props: PartProps<Situation>) {
  const { t, lang } = useI18n();
  return (
    <PartForm<{ situation?: Situation }, Situation>
      part="situation"
      mode={props.mode}
      initialValues={{ situation: props.initial }}
      toBody={(v) => v.situation as Situation}
      save={props.save}
      onSaved={props.onSaved}
      submitText={props.submitText}
      extraActions={props.extraActions}
    >
      <FieldItem
        path=""
        name="situation"
        label={t('您属于哪一类采集对象？', 'Which group are you in?')}
        rules={[{ required: true, message: t('请选择人员类别', 'Choose one') }]}
      >
        <Radio.Group data-testid="situation">
          <Space direction="vertical">
            {optionsOf('situations', lang).map((o) => (
              <Radio key={o.value} value={o.value} data-testid={`situation-${o.value}`}>
                {o.label}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </FieldItem>
    </PartForm>
  );
}
