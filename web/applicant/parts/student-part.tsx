import { Col, Input, Row, Select } from 'antd';
import { useI18n } from '../../lib/i18n.tsx';
import type { StudentPart as StudentBody } from '../form-api.ts';
import { useDistricts } from '../queries.ts';
import { clean, FieldItem, PartForm } from './part-form.tsx';
import type { PartProps } from './types.ts';

/** 在校学生: the school of a qualified student. */
export function StudentPart(props: PartProps<StudentBody>) {
  const { t, lang } = useI18n();
  const districts = useDistricts();
  const req = (m: string) => [{ required: true, message: m }];
  return (
    <PartForm<Partial<StudentBody>, StudentBody>
      part="student"
      mode={props.mode}
      initialValues={props.initial}
      toBody={(v) => clean(v) as StudentBody}
      save={props.save}
      onSaved={props.onSaved}
      submitText={props.submitText}
      extraActions={props.extraActions}
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <FieldItem path="school" name="school" label={t('就读学校', 'School')} rules={req(t('请输入学校', 'Enter the school'))}>
            <Input maxLength={100} data-testid="student-school" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="schoolDistrict"
            name="schoolDistrict"
            label={t('学校所在区', 'District of the school')}
            rules={req(t('请选择', 'Choose'))}
          >
            <Select
              options={(districts.data?.districts ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }))}
              showSearch
              optionFilterProp="label"
              data-testid="student-school-district"
            />
          </FieldItem>
        </Col>
        <Col xs={24} md={8}>
          <FieldItem path="studentNo" name="studentNo" label={t('学号', 'Student number')}>
            <Input maxLength={50} />
          </FieldItem>
        </Col>
        <Col xs={12} md={8}>
          <FieldItem path="enrolledOn" name="enrolledOn" label={t('入学时间', 'Enrolled')} rules={req(t('请填写', 'Enter'))}>
            <Input type="date" data-testid="student-enrolled-on" />
          </FieldItem>
        </Col>
        <Col xs={12} md={8}>
          <FieldItem
            path="expectedGraduation"
            name="expectedGraduation"
            label={t('预计毕业时间', 'Expected graduation')}
            rules={req(t('请填写', 'Enter'))}
          >
            <Input type="date" data-testid="student-expected-graduation" />
          </FieldItem>
        </Col>
      </Row>
    </PartForm>
  );
}
