import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useI18n } from '../../lib/i18n.tsx';
import { optionsOf } from '../../lib/labels.ts';
import type { EducationEntry as EducationEntryBody } from '../form-api.ts';
import { clean, FieldItem, PartForm, usePartMode } from './part-form.tsx';
import type { PartProps } from './types.ts';

type Entry = Partial<EducationEntryBody>;

/** 学历学位: the education history, at least the highest. */
export function EducationPart(props: PartProps<EducationEntryBody[]>) {
  const { t } = useI18n();
  const initial: Entry[] = props.initial?.length ? props.initial : [{ studyMode: 'fullTime' }];
  return (
    <PartForm<{ items: Entry[] }, EducationEntryBody[]>
      part="education"
      list
      mode={props.mode}
      initialValues={{ items: initial }}
      toBody={(v) => clean(v.items ?? []) as EducationEntryBody[]}
      save={props.save}
      onSaved={props.onSaved}
      submitText={props.submitText}
      extraActions={props.extraActions}
    >
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <EducationEntry key={f.key} name={f.name} index={i} onRemove={fields.length > 1 ? () => remove(f.name) : undefined} />
            ))}
            <AddButton onAdd={() => add({ studyMode: 'fullTime' })} text={t('添加一条学历', 'Add an education')} path="education" />
          </>
        )}
      </Form.List>
    </PartForm>
  );
}

export function AddButton({ onAdd, text, path }: { onAdd: () => void; text: string; path: string }) {
  const { editable } = usePartMode();
  if (!editable(path)) return null;
  return (
    <Button icon={<PlusOutlined />} onClick={onAdd} block className="list-add" data-testid={`add-${path}`}>
      {text}
    </Button>
  );
}

function EducationEntry({ name, index, onRemove }: { name: number; index: number; onRemove?: () => void }) {
  const { t, lang } = useI18n();
  const { editable } = usePartMode();
  const p = (f: string) => `${index}.${f}`;
  const req = (m: string) => [{ required: true, message: m }];
  return (
    <Card
      size="small"
      className="list-entry"
      title={t(`学历 ${index + 1}`, `Education ${index + 1}`)}
      extra={
        onRemove && editable('education') ? (
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={onRemove}
            aria-label={t(`删除学历 ${index + 1}`, `Remove education ${index + 1}`)}
          />
        ) : null
      }
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <FieldItem
            path={p('school')}
            name={[name, 'school']}
            label={t('毕业院校', 'School')}
            rules={req(t('请输入毕业院校', 'Enter the school'))}
          >
            <Input maxLength={100} data-testid={`education-${index}-school`} />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem path={p('major')} name={[name, 'major']} label={t('所学专业', 'Major')}>
            <Input maxLength={100} data-testid={`education-${index}-major`} />
          </FieldItem>
        </Col>
        <Col xs={12} md={8}>
          <FieldItem path={p('level')} name={[name, 'level']} label={t('学历', 'Level')} rules={req(t('请选择学历', 'Choose'))}>
            <Select
              showSearch
              optionFilterProp="label"
              options={optionsOf('educationLevels', lang)}
              data-testid={`education-${index}-level`}
            />
          </FieldItem>
        </Col>
        <Col xs={12} md={8}>
          <FieldItem path={p('degree')} name={[name, 'degree']} label={t('学位', 'Degree')} rules={req(t('请选择学位', 'Choose'))}>
            <Select showSearch optionFilterProp="label" options={optionsOf('degrees', lang)} data-testid={`education-${index}-degree`} />
          </FieldItem>
        </Col>
        <Col xs={24} md={8}>
          <FieldItem
            path={p('studyMode')}
            name={[name, 'studyMode']}
            label={t('学习形式', 'Study mode')}
            rules={req(t('请选择', 'Choose'))}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={optionsOf('studyModes', lang)}
              data-testid={`education-${index}-study-mode`}
            />
          </FieldItem>
        </Col>
        <Col xs={12} md={12}>
          <FieldItem path={p('enrolledOn')} name={[name, 'enrolledOn']} label={t('入学时间', 'Enrolled')} rules={req(t('请填写', 'Enter'))}>
            <Input type="date" data-testid={`education-${index}-enrolled-on`} />
          </FieldItem>
        </Col>
        <Col xs={12} md={12}>
          <FieldItem
            path={p('graduatedOn')}
            name={[name, 'graduatedOn']}
            label={t('毕业时间', 'Graduated')}
            rules={req(t('请填写', 'Enter'))}
          >
            <Input type="date" data-testid={`education-${index}-graduated-on`} />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem path={p('diplomaNo')} name={[name, 'diplomaNo']} label={t('学历证书编号', 'Diploma number')}>
            <Input maxLength={50} />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path={p('degreeCertificateNo')}
            name={[name, 'degreeCertificateNo']}
            label={t('学位证书编号', 'Degree certificate number')}
          >
            <Input maxLength={50} />
          </FieldItem>
        </Col>
      </Row>
    </Card>
  );
}
