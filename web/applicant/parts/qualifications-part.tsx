import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.tsx';
import { optionsOf } from '../../lib/labels.ts';
import type { QualificationEntry as QualificationEntryBody } from '../form-api.ts';
import { AddButton } from './education-part.tsx';
import { clean, FieldItem, PartForm, usePartMode } from './part-form.tsx';
import type { PartProps } from './types.ts';

type Entry = Partial<QualificationEntryBody>;

/** 专业技术资格: required for the qualified who do not do accounting work and for students; optional otherwise. */
export function QualificationsPart(props: PartProps<QualificationEntryBody[]> & { required: boolean }) {
  const { t } = useI18n();
  const initial: Entry[] = props.initial ?? (props.required ? [{ type: 'accounting' }] : []);
  return (
    <PartForm<{ items: Entry[] }, QualificationEntryBody[]>
      part="qualifications"
      list
      mode={props.mode}
      initialValues={{ items: initial }}
      toBody={(v) => clean(v.items ?? []) as QualificationEntryBody[]}
      save={props.save}
      onSaved={props.onSaved}
      submitText={props.submitText}
      extraActions={props.extraActions}
    >
      <Typography.Paragraph type="secondary">
        {props.required
          ? t('您所属的人员类别须至少填写一项专业技术资格。', 'Your group must list at least one qualification.')
          : t('如没有会计专业技术资格，可不填写，直接保存。', 'If you hold no qualification, save without adding one.')}
      </Typography.Paragraph>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <QualificationEntry key={f.key} name={f.name} index={i} onRemove={() => remove(f.name)} />
            ))}
            <AddButton onAdd={() => add({ type: 'accounting' })} text={t('添加一项资格', 'Add a qualification')} path="qualifications" />
          </>
        )}
      </Form.List>
    </PartForm>
  );
}

function QualificationEntry({ name, index, onRemove }: { name: number; index: number; onRemove: () => void }) {
  const { t, lang } = useI18n();
  const { editable } = usePartMode();
  const p = (f: string) => `${index}.${f}`;
  const req = (m: string) => [{ required: true, message: m }];
  return (
    <Card
      size="small"
      className="list-entry"
      title={t(`资格 ${index + 1}`, `Qualification ${index + 1}`)}
      extra={
        editable('qualifications') ? (
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={onRemove}
            aria-label={t(`删除资格 ${index + 1}`, `Remove qualification ${index + 1}`)}
          />
        ) : null
      }
    >
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <FieldItem path={p('type')} name={[name, 'type']} label={t('资格类别', 'Type')} rules={req(t('请选择', 'Choose'))}>
            <Select
              showSearch
              optionFilterProp="label"
              options={optionsOf('qualificationTypes', lang)}
              data-testid={`qualifications-${index}-type`}
            />
          </FieldItem>
        </Col>
        <Col xs={12} md={8}>
          <FieldItem path={p('level')} name={[name, 'level']} label={t('资格级别', 'Level')} rules={req(t('请选择', 'Choose'))}>
            <Select
              showSearch
              optionFilterProp="label"
              options={optionsOf('qualificationLevels', lang)}
              data-testid={`qualifications-${index}-level`}
            />
          </FieldItem>
        </Col>
        <Col xs={12} md={8}>
          <FieldItem
            path={p('wayObtained')}
            name={[name, 'wayObtained']}
            label={t('取得方式', 'Obtained by')}
            rules={req(t('请选择', 'Choose'))}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={optionsOf('waysObtained', lang)}
              data-testid={`qualifications-${index}-way`}
            />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path={p('obtainedOn')}
            name={[name, 'obtainedOn']}
            label={t('取得时间', 'Obtained on')}
            rules={req(t('请填写', 'Enter'))}
          >
            <Input type="date" data-testid={`qualifications-${index}-obtained-on`} />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path={p('certificateNo')}
            name={[name, 'certificateNo']}
            label={t('证书编号（或批文号）', 'Certificate number')}
            rules={req(t('请填写', 'Enter'))}
          >
            <Input maxLength={50} data-testid={`qualifications-${index}-certificate-no`} />
          </FieldItem>
        </Col>
      </Row>
    </Card>
  );
}
