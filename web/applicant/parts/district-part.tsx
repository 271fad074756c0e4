import { Alert, Col, Row, Select } from 'antd';
import { useI18n } from '../../lib/i18n.tsx';
import { label as labelOf } from '../../lib/labels.ts';
import type { DistrictPart as DistrictBody } from '../form-api.ts';
import { useDistricts } from '../queries.ts';
import { FieldItem, PartForm } from './part-form.tsx';
import type { PartProps } from './types.ts';

/** The bases each situation may give for its district (采集原则, as domain/jurisdiction.ts has them). */
const BASES: Record<string, string[]> = {
  accountingWork: ['workUnit'],
  qualifiedNotWorking: ['householdRegistration', 'residence'],
  qualifiedStudent: ['school'],
};

type DistrictValue = Partial<DistrictBody>;

/** 所属区: suggested from the situation and the work unit (or school), explained; the API refuses a wrong one with its reason. */
export function DistrictPart(props: PartProps<DistrictBody> & { situation?: string; unitDistrict?: string; schoolDistrict?: string }) {
  const { t, lang } = useI18n();
  const districts = useDistricts();
  const bases = BASES[props.situation ?? ''] ?? ['workUnit', 'householdRegistration', 'residence', 'school'];
  const suggestedCode =
    props.situation === 'accountingWork' ? props.unitDistrict : props.situation === 'qualifiedStudent' ? props.schoolDistrict : undefined;
  const initial: DistrictValue = {
    code: props.initial?.code ?? suggestedCode,
    basis: props.initial?.basis ?? (bases.length === 1 ? (bases[0] as DistrictBody['basis']) : undefined),
  };
  const nameOf = (code?: string) => {
    const d = districts.data?.districts.find((x) => x.code === code);
    return d ? (lang === 'zh' ? d.zh : d.en) : code;
  };
  const explanation =
    props.situation === 'accountingWork'
      ? t(
          `从事会计工作的人员由工作单位所在区财政局采集${suggestedCode ? `：您的单位在${nameOf(suggestedCode)}` : ''}。`,
          `Accountants are collected by the district of their work unit${suggestedCode ? `: yours is in ${nameOf(suggestedCode)}` : ''}.`,
        )
      : props.situation === 'qualifiedStudent'
        ? t(
            `在校学生由学校所在区财政局采集${suggestedCode ? `：您的学校在${nameOf(suggestedCode)}` : ''}。`,
            `Students are collected by the district of their school${suggestedCode ? `: yours is in ${nameOf(suggestedCode)}` : ''}.`,
          )
        : t(
            '具有会计专业技术资格但未从事会计工作的人员，可选择户籍所在区或居住地所在区。',
            'The qualified who do not do accounting work choose the district of their household registration or of their residence.',
          );
  return (
    <PartForm<DistrictValue, DistrictBody>
      part="district"
      mode={props.mode}
      initialValues={initial}
      toBody={(v) => ({ code: v.code, basis: v.basis }) as DistrictBody}
      save={props.save}
      onSaved={props.onSaved}
      submitText={props.submitText}
      extraActions={props.extraActions}
    >
      <Alert type="info" showIcon className="part-alert" message={explanation} data-testid="district-explanation" />
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <FieldItem path="basis" name="basis" label={t('采集依据', 'Basis')} rules={[{ required: true, message: t('请选择', 'Choose') }]}>
            <Select options={bases.map((b) => ({ value: b, label: labelOf('districtBases', b, lang) }))} data-testid="district-basis" />
          </FieldItem>
        </Col>
        <Col xs={24} md={12}>
          <FieldItem
            path="code"
            name="code"
            label={t('所属区', 'District')}
            rules={[{ required: true, message: t('请选择所属区', 'Choose the district') }]}
          >
            <Select
              options={(districts.data?.districts ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }))}
              loading={districts.isPending}
              showSearch
              optionFilterProp="label"
              data-testid="district-code"
            />
          </FieldItem>
        </Col>
      </Row>
    </PartForm>
  );
}
