import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ApiProblem, messageOf, showViolations } from '../lib/problems.ts';

/**
 * 实名认领: a record received from another province carries the ID number this account entered; the person claims it
 * with the ID number and name. A mismatch is shown on the fields, in the page's language.
 */
export function ClaimCard() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ idNumber: string; name: string }>();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const claim = async (body: { idNumber: string; name: string }) => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/people/me/claim', { body }));
      await qc.invalidateQueries({ queryKey: ['record', 'me'] });
    } catch (e) {
      // Field problems go on their fields; the rest (taken by another account, …) above the form.
      const unplaced = showViolations(form, e, { lang });
      if (!(e instanceof ApiProblem) || !e.problem.violations?.length || unplaced.length) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const req = (m: string) => [{ required: true, message: m }];
  return (
    <Card data-testid="claim-card">
      <Typography.Title level={3}>{t('认领调入的会计人员信息', 'Claim your record')}</Typography.Title>
      <Typography.Paragraph>
        {t(
          '本省已接收您由外省调入的会计人员信息。请填写与该信息一致的证件号码和姓名，认领后即可查看和变更。',
          'This province has received your record from another province. Enter the ID number and name it carries to make it yours.',
        )}
      </Typography.Paragraph>
      {error != null && (
        <Alert type="error" showIcon role="alert" className="part-alert" data-testid="claim-error" message={messageOf(error, lang)} />
      )}
      <Form form={form} layout="vertical" onFinish={claim} data-testid="claim-form">
        <Form.Item name="idNumber" label={t('证件号码', 'ID number')} rules={req(t('请输入证件号码', 'Enter the number'))}>
          <Input maxLength={32} data-testid="claim-id-number" />
        </Form.Item>
        <Form.Item name="name" label={t('姓名', 'Name')} rules={req(t('请输入姓名', 'Enter the name'))}>
          <Input maxLength={50} data-testid="claim-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="claim-submit">
          {t('认领', 'Claim')}
        </Button>
      </Form>
    </Card>
  );
}
