import { Col, Input, Row, Select } from 'antd';
import { useI18n } from '../../lib/i18n.tsx';
import { optionsOf } from '../../lib/labels.ts';
import type { WorkPart as WorkBody } from '../form-api.ts';
import { useDistricts } from '../queries.ts';
import { clean, FieldItem, PartForm } from './part-form.tsx';
import type { PartProps } from './types.ts';

/** 从事会计工作: the work unit and the accounting posts. */
export function WorkPart(props: PartProps<WorkBody>) {
  const { t, lang } = useI18n();
  const districts = useDistricts();
  const req = (m: string) => [{ required: true, message: m }];
  const districtOptions = (districts.data?.districts ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }));
  return (
    <PartForm<Partial<WorkBody>, WorkBody>
      part="work"
      mode={props.mode}
      initialValues={{ administrativePost: 'general', ...props.initial }}
      toBody={(v) => clean(v) as WorkBody}
      save={props.save}
      onSaved={props.onSaved}
      submitText={props.submitText}
      extraActions={props.extraActions}
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <FieldItem
            path="unitName"
            name="unitName"
            label={t('工作单位名称', 'Work unit')}
            rules={req(t('请输入单位名称', 'Enter the unit'))}
          >
            <Input maxLength={100} data-testid="work-unit-name" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="unitCreditCode"
            name="unitCreditCode"
            label={t('统一社会信用代码', 'Unified social credit code')}
            extra={t('18 位，见单位营业执照', '18 characters, on the business licence')}
            rules={req(t('请输入统一社会信用代码', 'Enter the code'))}
          >
            <Input maxLength={18} data-testid="work-unit-credit-code" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem path="unitKind" name="unitKind" label={t('单位性质', 'Unit kind')} rules={req(t('请选择', 'Choose'))}>
            <Select showSearch optionFilterProp="label" options={optionsOf('unitKinds', lang)} data-testid="work-unit-kind" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem path="economicType" name="economicType" label={t('经济类型', 'Economic type')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={optionsOf('economicTypes', lang)}
              data-testid="work-economic-type"
            />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="unitDistrict"
            name="unitDistrict"
            label={t('单位所在区', 'District of the unit')}
            extra={t('从事会计工作者按单位所在区采集', 'Accountants are collected by the district of their unit')}
            rules={req(t('请选择', 'Choose'))}
          >
            <Select
              options={districtOptions}
              loading={districts.isPending}
              showSearch
              optionFilterProp="label"
              data-testid="work-unit-district"
            />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="startedOn"
            name="startedOn"
            label={t('开始从事会计工作时间', 'Started accounting work')}
            rules={req(t('请填写', 'Enter'))}
          >
            <Input type="date" data-testid="work-started-on" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="posts"
            name="posts"
            label={t('会计工作岗位（可多选）', 'Accounting posts')}
            rules={req(t('请至少选择一个岗位', 'Choose at least one'))}
          >
            <Select mode="multiple" optionFilterProp="label" options={optionsOf('accountingPosts', lang)} data-testid="work-posts" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="administrativePost"
            name="administrativePost"
            label={t('行政职务', 'Administrative post')}
            rules={req(t('请选择', 'Choose'))}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={optionsOf('administrativePosts', lang)}
              data-testid="work-administrative-post"
            />
          </FieldItem>
        </Col>
      </Row>
    </PartForm>
  );
}
