import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { components } from '../../api-client/index.ts';
import { api, unwrap } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ApiProblem, messageOf, showViolations } from '../lib/problems.ts';
import { useDistricts } from '../lib/reference.ts';
import { useSignIn } from '../lib/session.ts';
import { NewPasswordFields } from './new-password-fields.tsx';
import './auth.css';

type Values = components['schemas']['UnitRegistration'] & { confirm: string };

/** Problems that belong to one field of this form. */
const fieldOfProblem: Record<string, keyof Values> = {
  'username-taken': 'username',
  'unit-already-registered': 'creditCode',
  'unknown-district': 'districtCode',
  'password-too-short': 'password',
  'password-too-long': 'password',
  'password-like-username': 'password',
  'password-too-common': 'password',
};

/**
 * 用人单位注册: a unit registers by its unified social credit code with its contact's account, then waits
 * for its district finance bureau to confirm it; the contact is signed in at once and sees that state.
 */
export function RegisterUnit() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const districts = useDistricts();
  const [error, setError] = useState<unknown>(null);
  const register = useMutation({
    mutationFn: async ({ confirm: _, email, ...rest }: Values) =>
      unwrap(api.POST('/units/register', { body: { ...rest, ...(email ? { email } : {}) } })),
  });

  return (
    <div className="auth-page">
      <Card className="auth-card" title={<h1 className="auth-heading">{t('用人单位注册', 'Register an employer unit')}</h1>}>
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="register-unit-form"
          onFinish={(v) => {
            setError(null);
            register.mutate(v, {
              onSuccess: () =>
                signIn.mutate({ username: v.username, password: v.password }, { onSuccess: () => navigate('/unit', { replace: true }) }),
              onError: (e) => {
                const field = e instanceof ApiProblem ? fieldOfProblem[e.code] : undefined;
                if (field) {
                  form.setFields([{ name: field, errors: [messageOf(e, lang)] }]);
                  return;
                }
                const unplaced = showViolations(form, e, { lang });
                if (!(e instanceof ApiProblem) || !e.problem.violations?.length || unplaced.length) setError(e);
              },
            });
          }}
        >
          {error != null && <Alert type="error" showIcon role="alert" className="auth-alert" message={messageOf(error, lang)} />}
          <Form.Item
            label={t('统一社会信用代码', 'Unified social credit code')}
            name="creditCode"
            extra={t('18 位，见营业执照', '18 characters, on the business licence')}
            rules={[{ required: true, message: t('请输入统一社会信用代码', 'Enter the credit code') }]}
          >
            <Input maxLength={18} data-testid="unit-credit-code" />
          </Form.Item>
          <Form.Item
            label={t('单位名称', 'Unit name')}
            name="name"
            rules={[{ required: true, message: t('请输入单位名称', 'Enter the name') }]}
          >
            <Input maxLength={100} data-testid="unit-name" />
          </Form.Item>
          <Form.Item
            label={t('单位所在区', 'District of the unit')}
            name="districtCode"
            extra={t('由该区财政局确认', "That district's finance bureau confirms the unit")}
            rules={[{ required: true, message: t('请选择所在区', 'Choose the district') }]}
          >
            <Select
              data-testid="unit-district"
              showSearch
              optionFilterProp="label"
              loading={districts.isPending}
              options={(districts.data?.districts ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }))}
            />
          </Form.Item>
          <Form.Item
            label={t('经办人姓名', 'Contact name')}
            name="contactName"
            rules={[{ required: true, message: t('请输入经办人姓名', 'Enter the contact') }]}
          >
            <Input maxLength={50} autoComplete="name" data-testid="unit-contact-name" />
          </Form.Item>
          <Form.Item
            label={t('联系电话', 'Phone')}
            name="phone"
            rules={[
              { required: true, message: t('请输入联系电话', 'Enter a phone number') },
              { pattern: /^[0-9+() -]{5,30}$/, message: t('电话号码只能包含数字、空格和 + ( ) -', 'Digits, spaces and + ( ) - only') },
            ]}
          >
            <Input maxLength={30} autoComplete="tel" data-testid="unit-phone" />
          </Form.Item>
          <Form.Item
            label={t('电子邮箱（选填）', 'Email (optional)')}
            name="email"
            extra={t(
              '本单位会计人员的申请被退回时，通知会同时发送到此邮箱',
              "Returns of the unit's accountants' requests are also emailed here",
            )}
            rules={[{ type: 'email', message: t('请输入有效的电子邮箱', 'Enter a valid email address') }]}
          >
            <Input maxLength={254} autoComplete="email" data-testid="unit-email" />
          </Form.Item>
          <Form.Item
            label={t('用户名', 'Username')}
            name="username"
            extra={t('3–64 位字母、数字或 _ . @ -', '3–64 letters, digits or _ . @ -')}
            rules={[
              { required: true, message: t('请输入用户名', 'Enter a username') },
              { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: t('用户名为 3–64 位字母、数字或 _ . @ -', '3–64 letters, digits or _ . @ -') },
            ]}
          >
            <Input autoComplete="username" data-testid="unit-username" />
          </Form.Item>
          <NewPasswordFields name="password" testIds={{ password: 'unit-password', confirm: 'unit-confirm' }} />
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={register.isPending || signIn.isPending}
            data-testid="unit-register-submit"
          >
            {t('注册', 'Register')}
          </Button>
        </Form>
        <Typography.Paragraph className="auth-note">
          {t('已有账户？', 'Have an account?')} <Link to="/sign-in">{t('登录', 'Sign in')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
