import { ToolOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { districtsOf, servedProvinceCodes } from '../../../domain/districts.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { optionsOf } from '../../lib/labels.ts';
import { ApiProblem, messageOf, showViolations } from '../../lib/problems.ts';
import { type PartBody, type PartName, type RequestKind, type RequestStatus, requestsApi } from '../form-api.ts';
import { ruleText } from '../materials/material-upload.tsx';
import { fitsRule, fixScan, type ImageFacts, imageFacts } from '../materials/photo-fix.ts';
import { clean } from '../parts/part-form.tsx';
import { useDistricts, useProvinces } from '../queries.ts';

export type TransferKind = Extract<RequestKind, 'transferOut' | 'transferIn' | 'districtMove'>;
const PART = { transferOut: 'transfer', transferIn: 'transfer', districtMove: 'move' } as const satisfies Record<TransferKind, PartName>;

/**
 * The manual's 申请调转 dialog: the region, the transfer proof and 保存 — which makes the request,
 * saves the part, uploads the proof, records the accepted commitment and submits it for review. Each
 * refusal lands where it belongs: a field, the proof, or above the form. A request already made (a
 * draft, or returned) is continued, not made twice.
 */
export function TransferForm(props: {
  kind: TransferKind;
  requestId?: string;
  initial?: Record<string, any>;
  /** While returned: the proof may be replaced, the form saved again, then resubmitted. */
  returned?: boolean;
  onSubmitted: (requestId: string, status: RequestStatus) => void;
  onCancel?: () => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const own = useDistricts();
  const provinces = useProvinces();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [requestId, setRequestId] = useState(props.requestId);
  const [proof, setProof] = useState<File | null>(null);
  const [proofError, setProofError] = useState<unknown>(null);
  const [proofFacts, setProofFacts] = useState<ImageFacts | null>(null);
  const [fixing, setFixing] = useState<'busy' | 'failed' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const workProofId = useId();
  const workProofInput = useRef<HTMLInputElement>(null);
  const [workProof, setWorkProof] = useState<File | null>(null);
  const [workProofError, setWorkProofError] = useState<unknown>(null);
  const newWork = Form.useWatch('newWork', form) as boolean | undefined;
  const toProvince = Form.useWatch('toProvince', form) as string | undefined;
  const ownProvince = own.data?.provinceCode;
  const provinceOptions = (provinces.data ?? [])
    .filter((p) => p.code !== ownProvince)
    .map((p) => ({ value: p.code, label: lang === 'zh' ? p.zh : p.en }));
  const ownDistricts = (own.data?.districts ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }));
  const destinationDistricts =
    toProvince && servedProvinceCodes().includes(toProvince)
      ? districtsOf(toProvince).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }))
      : null;
  const part = PART[props.kind];
  const chooseProof = async (f: File | null) => {
    setProofError(null);
    setProof(f);
    setProofFacts(f ? await imageFacts(f) : null);
  };
  // A scan over 50 KB would be refused: it is scaled down and re-encoded here, as on the materials step.
  const proofTooLarge = proofFacts !== null && !fitsRule('transferProof', proofFacts);
  const fixProof = async () => {
    if (!proof) return;
    setFixing('busy');
    try {
      const fixed = await fixScan(proof, 'transferProof');
      await chooseProof(new File([fixed], proof.name.replace(/\.[^.]*$/, '.jpg'), { type: 'image/jpeg' }));
      setFixing(null);
    } catch {
      setFixing('failed');
    }
  };
  const req = (m: string) => [{ required: true, message: m }];

  const save = async (values: Record<string, any>) => {
    setBusy(true);
    setError(null);
    setProofError(null);
    try {
      const { commitment: _accepted, newWork: withWork, ...rest } = values;
      // The new work unit travels only with a district move that says the unit changed (省内调转 with 工作单位变更).
      const { work: _work, ...withoutWork } = rest;
      const body = props.kind === 'districtMove' && withWork ? rest : withoutWork;
      const id = requestId ?? (await requestsApi.createDraft(props.kind)).requestId;
      setRequestId(id);
      try {
        await requestsApi.savePart(id, part, clean(body) as PartBody<typeof part>);
      } catch (e) {
        const unplaced = showViolations(form, e, { strip: [part], lang });
        if (!(e instanceof ApiProblem) || !e.problem.violations?.length || unplaced.length) setError(e);
        return;
      }
      if (proof) {
        try {
          await requestsApi.uploadMaterial(id, 'transferProof', proof);
        } catch (e) {
          setProofError(e);
          return;
        }
      }
      if (props.kind === 'districtMove' && withWork && workProof) {
        try {
          await requestsApi.uploadMaterial(id, 'workProof', workProof);
        } catch (e) {
          setWorkProofError(e);
          return;
        }
      }
      await requestsApi.acceptCommitment(id);
      const status = props.returned ? await requestsApi.resubmit(id) : await requestsApi.submit(id);
      props.onSubmitted(id, status);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        idType: 'mainlandId',
        nationality: 'CHN',
        ...(props.kind === 'districtMove' ? { newWork: Boolean(props.initial?.work), work: { administrativePost: 'general' } } : {}),
        ...props.initial,
      }}
      onFinish={save}
      data-testid={`transfer-form-${props.kind}`}
    >
      {error != null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="part-alert"
          data-testid="transfer-error"
          message={messageOf(error, lang)}
          description={
            error instanceof ApiProblem && error.problem.violations?.length ? (
              <ul className="violation-list">
                {error.problem.violations.map((v) => (
                  <li key={v.path + v.rule}>{lang === 'zh' ? v.zh : v.en}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {props.kind === 'transferOut' && (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="toProvince"
              label={t('调出地区（省份）', 'Destination province')}
              rules={req(t('请选择调出地区', 'Choose the province'))}
            >
              <Select
                options={provinceOptions}
                showSearch
                optionFilterProp="label"
                loading={provinces.isPending}
                data-testid="transfer-to-province"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="toDistrict"
              label={t('调入地的区县', 'District there')}
              extra={destinationDistricts ? undefined : t('请填写 6 位区县行政区划代码', 'Enter the 6-digit district code')}
              rules={req(t('请选择区县', 'Choose the district'))}
            >
              {destinationDistricts ? (
                <Select options={destinationDistricts} showSearch optionFilterProp="label" data-testid="transfer-to-district" />
              ) : (
                <Input maxLength={6} inputMode="numeric" data-testid="transfer-to-district" />
              )}
            </Form.Item>
          </Col>
        </Row>
      )}
      {props.kind === 'transferIn' && (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="fromProvince"
              label={t('当前所属地', 'Province keeping the record')}
              rules={req(t('请选择当前所属地', 'Choose the province'))}
            >
              <Select options={provinceOptions} showSearch optionFilterProp="label" data-testid="transfer-from-province" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name={['district', 'code']}
              label={t('调入地区', 'District here')}
              rules={req(t('请选择调入地区', 'Choose the district'))}
            >
              <Select options={ownDistricts} showSearch optionFilterProp="label" data-testid="transfer-in-district" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['district', 'basis']} label={t('调入依据', 'Basis')} rules={req(t('请选择', 'Choose'))}>
              <Select options={optionsOf('districtBases', lang)} data-testid="transfer-in-basis" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="idType" label={t('证件类型', 'ID type')} rules={req(t('请选择', 'Choose'))}>
              <Select options={optionsOf('idTypes', lang)} data-testid="transfer-id-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="idNumber" label={t('证件号码', 'ID number')} rules={req(t('请输入证件号码', 'Enter the number'))}>
              <Input maxLength={30} data-testid="transfer-id-number" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="nationality" label={t('国籍/地区', 'Nationality')} rules={req(t('请选择', 'Choose'))}>
              <Select options={optionsOf('nationalities', lang)} showSearch optionFilterProp="label" data-testid="transfer-nationality" />
            </Form.Item>
          </Col>
        </Row>
      )}
      {props.kind === 'districtMove' && (
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item
              name={['district', 'code']}
              label={t('调入区', 'New district')}
              rules={req(t('请选择调入区', 'Choose the district'))}
            >
              <Select options={ownDistricts} showSearch optionFilterProp="label" data-testid="move-district" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name={['district', 'basis']}
              label={t('依据', 'Basis')}
              rules={req(t('请选择', 'Choose'))}
              extra={t(
                '调入区须符合依据：工作单位所在区、户籍所在区、居住地所在区或学校所在区',
                "The new district must fit the basis: the work unit's, household's, residence's or school's district",
              )}
            >
              <Select options={optionsOf('districtBases', lang)} data-testid="move-basis" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="newWork"
              valuePropName="checked"
              extra={t(
                '因工作单位变更而调转的，请填写新的工作单位（单位所在区须为调入区）并上传从事会计工作证明',
                'Moving because your work unit changed: add the new work unit (in the new district) and a proof of accounting work',
              )}
            >
              <Checkbox data-testid="move-new-work">{t('工作单位已变更', 'My work unit changed')}</Checkbox>
            </Form.Item>
          </Col>
          {newWork && (
            <>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['work', 'unitName']}
                  label={t('新工作单位名称', 'New work unit')}
                  rules={req(t('请输入单位名称', 'Enter the unit'))}
                >
                  <Input maxLength={100} data-testid="move-work-unit-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['work', 'unitCreditCode']}
                  label={t('统一社会信用代码', 'Unified social credit code')}
                  extra={t('18 位，见单位营业执照', '18 characters, on the business licence')}
                  rules={req(t('请输入统一社会信用代码', 'Enter the code'))}
                >
                  <Input maxLength={18} data-testid="move-work-unit-credit-code" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['work', 'unitKind']} label={t('单位性质', 'Unit kind')} rules={req(t('请选择', 'Choose'))}>
                  <Select showSearch optionFilterProp="label" options={optionsOf('unitKinds', lang)} data-testid="move-work-unit-kind" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['work', 'unitDistrict']}
                  label={t('单位所在区', 'District of the unit')}
                  extra={t('以工作单位为依据时，须与调入区一致', 'With the work unit as basis, it must be the new district')}
                  rules={req(t('请选择', 'Choose'))}
                >
                  <Select options={ownDistricts} showSearch optionFilterProp="label" data-testid="move-work-unit-district" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['work', 'startedOn']}
                  label={t('开始从事会计工作时间', 'Started accounting work')}
                  rules={req(t('请填写', 'Enter'))}
                >
                  <Input type="date" data-testid="move-work-started-on" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['work', 'posts']}
                  label={t('会计工作岗位（可多选）', 'Accounting posts')}
                  rules={req(t('请至少选择一个岗位', 'Choose at least one'))}
                >
                  <Select
                    mode="multiple"
                    optionFilterProp="label"
                    options={optionsOf('accountingPosts', lang)}
                    data-testid="move-work-posts"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['work', 'administrativePost']}
                  label={t('行政职务', 'Administrative post')}
                  rules={req(t('请选择', 'Choose'))}
                >
                  <Select
                    showSearch
                    optionFilterProp="label"
                    options={optionsOf('administrativePosts', lang)}
                    data-testid="move-work-administrative-post"
                  />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item
                  label={<label htmlFor={workProofId}>{t('从事会计工作证明', 'Proof of accounting work')}</label>}
                  required
                  validateStatus={workProofError ? 'error' : undefined}
                  help={
                    workProofError ? (
                      <span data-testid="move-work-proof-error">{messageOf(workProofError, lang)}</span>
                    ) : (
                      ruleText('workProof', t)
                    )
                  }
                >
                  <input
                    id={workProofId}
                    ref={workProofInput}
                    type="file"
                    accept="image/jpeg"
                    className="visually-hidden"
                    data-testid="move-work-proof-file"
                    onChange={(e) => {
                      setWorkProofError(null);
                      setWorkProof(e.target.files?.[0] ?? null);
                    }}
                  />
                  <Space>
                    <Button icon={<UploadOutlined />} onClick={() => workProofInput.current?.click()} data-testid="move-work-proof-choose">
                      {workProof ? t('重新选择', 'Choose another') : t('选择文件', 'Choose a file')}
                    </Button>
                    {workProof && (
                      <Typography.Text type="secondary" data-testid="move-work-proof-chosen">
                        {workProof.name} · {(workProof.size / 1024).toFixed(1)} KB
                      </Typography.Text>
                    )}
                  </Space>
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      )}
      {props.kind !== 'transferIn' && (
        <Form.Item name="reason" label={t('调转原因', 'Reason')}>
          <Input maxLength={200} data-testid="transfer-reason" />
        </Form.Item>
      )}
      <Form.Item
        label={<label htmlFor={fileId}>{t('调转证明', 'Transfer proof')}</label>}
        required={!props.returned}
        validateStatus={proofError ? 'error' : undefined}
        help={proofError ? <span data-testid="transfer-proof-error">{messageOf(proofError, lang)}</span> : ruleText('transferProof', t)}
      >
        {/* The browser's own file control speaks the browser's language: a labelled button opens it. */}
        <input
          id={fileId}
          ref={fileInput}
          type="file"
          accept="image/jpeg"
          className="visually-hidden"
          data-testid="transfer-proof-file"
          onChange={(e) => {
            setFixing(null);
            void chooseProof(e.target.files?.[0] ?? null);
          }}
        />
        <Space direction="vertical">
          <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()} data-testid="transfer-proof-choose">
            {proof ? t('重新选择', 'Choose another') : t('选择文件', 'Choose a file')}
          </Button>
          {proof && (
            <Typography.Text type="secondary" data-testid="transfer-proof-chosen">
              {proof.name} · {(proof.size / 1024).toFixed(1)} KB
            </Typography.Text>
          )}
          {proof && proofTooLarge && (
            <Space wrap>
              <Typography.Text type="warning" data-testid="transfer-proof-warning">
                {t(
                  '此文件不符合要求，保存时会被拒绝；可先自动压缩。',
                  'This file does not meet the rule and would be refused; compress it first.',
                )}
              </Typography.Text>
              <Button size="small" icon={<ToolOutlined />} loading={fixing === 'busy'} onClick={fixProof} data-testid="transfer-proof-fix">
                {t('自动压缩到 50 KB 以内', 'Compress under 50 KB')}
              </Button>
            </Space>
          )}
          {fixing === 'failed' && (
            <Typography.Text type="danger">
              {t('无法自动调整此图片，请换一张。', 'This picture cannot be fixed; choose another.')}
            </Typography.Text>
          )}
        </Space>
      </Form.Item>
      <Form.Item
        name="commitment"
        valuePropName="checked"
        rules={[
          { validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('请阅读并同意承诺', 'Accept the commitment')))) },
        ]}
      >
        <Checkbox data-testid="transfer-commitment">
          {t('本人承诺所填信息及所传材料真实、准确、完整', 'I confirm that this information is true and complete')}
        </Checkbox>
      </Form.Item>
      <Space wrap>
        {props.onCancel && <Button onClick={props.onCancel}>{t('取消', 'Cancel')}</Button>}
        <Button type="primary" htmlType="submit" loading={busy} disabled={!proof && !props.returned} data-testid="transfer-save">
          {t('保存', 'Save')}
        </Button>
      </Space>
    </Form>
  );
}
