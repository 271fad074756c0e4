import { Col, Input, Row, Select } from 'antd';
import { useI18n } from '../../lib/i18n.tsx';
import { optionsOf } from '../../lib/labels.ts';
import type { BasicPart as BasicBody } from '../form-api.ts';
import { clean, FieldItem, PartForm } from './part-form.tsx';
import type { PartProps } from './types.ts';

const required = (message: string) => [{ required: true, message }];

/** 基本信息: the person, their identity document and contact details. */
export function BasicPart(props: PartProps<BasicBody>) {
  const { t, lang } = useI18n();
  const select = (set: Parameters<typeof optionsOf>[0], testId: string) => (
    <Select options={optionsOf(set, lang)} showSearch optionFilterProp="label" data-testid={testId} placeholder={t('请选择', 'Choose')} />
  );
  return (
    <PartForm<Partial<BasicBody>, BasicBody>
      part="basic"
      mode={props.mode}
      initialValues={{ idType: 'mainlandId', nationality: 'CHN', ...props.initial }}
      toBody={(v) => clean(v) as BasicBody}
      save={props.save}
      onSaved={props.onSaved}
      submitText={props.submitText}
      extraActions={props.extraActions}
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <FieldItem path="name" name="name" label={t('姓名', 'Name')} rules={required(t('请输入姓名', 'Enter the name'))}>
            <Input maxLength={50} autoComplete="name" data-testid="basic-name" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem path="sex" name="sex" label={t('性别', 'Sex')} rules={required(t('请选择性别', 'Choose'))}>
            {select('sexes', 'basic-sex')}
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="birthDate"
            name="birthDate"
            label={t('出生日期', 'Date of birth')}
            rules={required(t('请填写出生日期', 'Enter the date'))}
          >
            <Input type="date" data-testid="basic-birth-date" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem path="idType" name="idType" label={t('证件类型', 'ID type')} rules={required(t('请选择证件类型', 'Choose'))}>
            {select('idTypes', 'basic-id-type')}
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="idNumber"
            name="idNumber"
            label={t('证件号码', 'ID number')}
            extra={t('证件号码即档案号，提交后不能自行修改', 'The ID number is the archive number')}
            rules={required(t('请输入证件号码', 'Enter the number'))}
          >
            <Input maxLength={30} autoComplete="off" data-testid="basic-id-number" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="nationality"
            name="nationality"
            label={t('国籍/地区', 'Nationality / region')}
            rules={required(t('请选择', 'Choose'))}
          >
            {select('nationalities', 'basic-nationality')}
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="ethnicity"
            name="ethnicity"
            label={t('民族', 'Ethnic group')}
            extra={t('持居民身份证者必填', 'Required with a mainland ID')}
          >
            {select('ethnicities', 'basic-ethnicity')}
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="politicalStatus"
            name="politicalStatus"
            label={t('政治面貌', 'Political status')}
            extra={t('持居民身份证者必填', 'Required with a mainland ID')}
          >
            {select('politicalStatuses', 'basic-political-status')}
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="mobile"
            name="mobile"
            label={t('手机号码', 'Mobile')}
            rules={required(t('请输入手机号码', 'Enter the mobile number'))}
          >
            <Input inputMode="tel" maxLength={11} autoComplete="tel" data-testid="basic-mobile" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem path="email" name="email" label={t('电子邮箱', 'Email')} rules={required(t('请输入电子邮箱', 'Enter the email'))}>
            <Input type="email" autoComplete="email" data-testid="basic-email" />
          </FieldItem>
        </Col>
        <Col xs={24}>
          <FieldItem
            path="address"
            name="address"
            label={t('通讯地址', 'Postal address')}
            rules={required(t('请输入通讯地址', 'Enter the address'))}
          >
            <Input maxLength={200} autoComplete="street-address" data-testid="basic-address" />
          </FieldItem>
        </Col>
      </Row>
    </PartForm>
  );
}
