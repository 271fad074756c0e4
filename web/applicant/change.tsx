import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, List, Row, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../app/states.tsx';
import { api, unwrap } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { messageOf, showViolations } from '../lib/problems.ts';
import { requestsApi } from './form-api.ts';
import { clean } from './parts/part-form.tsx';
import { keys, useMyRecord, useMyRequests } from './queries.ts';
import { stateColor } from './state-color.ts';

/** 信息变更: contact details change at once; what needs proof goes through a reviewed change request. */
export function ChangePage() {
  const { t, lang, label } = useI18n();
  const record = useMyRecord();
  const mine = useMyRequests();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const contact = useMutation({
    mutationFn: async (v: Record<string, string>) =>
      unwrap(api.PUT('/people/{personId}/contact', { params: { path: { personId: 'me' } }, body: clean(v) as never })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.record }),
    onError: (e) => showViolations(form, e, { lang }),
  });
  const start = useMutation({
    mutationFn: () => requestsApi.createDraft('change'),
    onSuccess: ({ requestId }) => {
      void qc.invalidateQueries({ queryKey: keys.mine });
      navigate(`/applicant/change/${requestId}`);
    },
  });
  if (record.isPending) return <Loading />;
  if (record.isError) return <ErrorState error={record.error} retry={() => record.refetch()} />;
  if (!record.data) {
    return (
      <Card>
        <EmptyState text={t('信息采集审核通过并建档后，才能申请信息变更。', 'Changes are possible once your collection is approved.')}>
          <Link to="/applicant/collection">{t('去信息采集', 'Start a collection')}</Link>
        </EmptyState>
      </Card>
    );
  }
  const basic = record.data.basic ?? {};
  const changes = (mine.data ?? []).filter((r) => r.kind === 'change');
  const open = changes.find((r) => r.state === 'draft' || r.state === 'returned');
  return (
    <section aria-labelledby="change-heading">
      <Typography.Title level={2} id="change-heading" className="page-heading">
        {t('信息变更', 'Change')}
      </Typography.Title>
      <Card title={<h3 className="card-heading">{t('联系方式（即时生效，无需审核）', 'Contact details (at once, no review)')}</h3>}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ mobile: basic.mobile, email: basic.email, address: basic.address }}
          onFinish={(v) => {
            const changed = Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== basic[k]));
            contact.mutate(changed as Record<string, string>);
          }}
          data-testid="contact-form"
        >
          {contact.isSuccess && (
            <Alert
              type="success"
              showIcon
              role="status"
              className="part-alert"
              data-testid="contact-saved"
              message={t('联系方式已更新', 'Contact details updated')}
            />
          )}
          {contact.isError && <Alert type="error" showIcon role="alert" className="part-alert" message={messageOf(contact.error, lang)} />}
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="mobile" label={t('手机号码', 'Mobile')}>
                <Input inputMode="tel" maxLength={11} data-testid="contact-mobile" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="email" label={t('电子邮箱', 'Email')}>
                <Input type="email" data-testid="contact-email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="address" label={t('通讯地址', 'Address')}>
                <Input maxLength={200} data-testid="contact-address" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={contact.isPending} data-testid="contact-save">
            {t('保存联系方式', 'Save contact details')}
          </Button>
        </Form>
      </Card>
      <Card
        className="timeline-card"
        title={<h3 className="card-heading">{t('其他信息变更（需审核并提供证明）', 'Other changes (reviewed, with proof)')}</h3>}
      >
        <Typography.Paragraph>
          {t(
            '证件信息、学历、专业技术资格、工作单位、所属区等的变更，须上传相应证明材料，由所属区财政局审核。',
            'Changes of identity, education, qualifications, work unit or district need proof and are reviewed by your district.',
          )}
        </Typography.Paragraph>
        {start.isError && <Alert type="error" showIcon role="alert" className="part-alert" message={messageOf(start.error, lang)} />}
        {open ? (
          <Link to={`/applicant/change/${open.requestId}`}>
            <Button type="primary" data-testid="continue-change">
              {t('继续填写变更申请', 'Continue the change')}
            </Button>
          </Link>
        ) : (
          <Button type="primary" loading={start.isPending} onClick={() => start.mutate()} data-testid="start-change">
            {t('申请信息变更', 'Apply for a change')}
          </Button>
        )}
        {changes.length > 0 && (
          <List
            className="timeline-card"
            dataSource={changes}
            renderItem={(r) => (
              <List.Item
                key={r.requestId}
                actions={[
                  <Link key="o" to={`/applicant/requests/${r.requestId}`}>
                    {t('查看进度', 'Progress')}
                  </Link>,
                ]}
              >
                <List.Item.Meta title={label('requestKinds', r.kind)} description={new Date(r.createdAt).toLocaleDateString('zh-CN')} />
                <Tag color={stateColor(r.state)}>{label('states', r.state)}</Tag>
              </List.Item>
            )}
          />
        )}
      </Card>
    </section>
  );
}
