import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ApiProblem, messageOf, showViolations } from '../lib/problems.ts';
import { useSignIn } from '../lib/session.ts';
import { NewPasswordFields } from './new-password-fields.tsx';
import './auth.css';

interface Values {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** Self-registration of an accountant; signs in at once on success. */
export function Register() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [error, setError] = useState<unknown>(null);
  const register = useMutation({
    mutationFn: async (v: Values) =>
      unwrap(api.POST('/auth/register', { body: { username: v.username, password: v.password, displayName: v.displayName } })),
  });

  return (
    <div className="auth-page">
      <Card className="auth-card" title={<h1 className="auth-heading">{t('会计人员注册', 'Register')}</h1>}>
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="register-form"
          onFinish={(v) => {
            setError(null);
            register.mutate(v, {
              onSuccess: () =>
                signIn.mutate(
                  { username: v.username, password: v.password },
                  { onSuccess: () => navigate('/applicant', { replace: true }) },
                ),
              onError: (e) => {
                if (e instanceof ApiProblem && e.code === 'username-taken') {
                  form.setFields([{ name: 'username', errors: [messageOf(e, lang)] }]);
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
            label={t('用户名', 'Username')}
            name="username"
            extra={t('3–64 位字母、数字或 _ . @ -', '3–64 letters, digits or _ . @ -')}
            rules={[
              { required: true, message: t('请输入用户名', 'Enter a username') },
              { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: t('用户名为 3–64 位字母、数字或 _ . @ -', '3–64 letters, digits or _ . @ -') },
            ]}
          >
            <Input autoComplete="username" data-testid="register-username" />
          </Form.Item>
          <Form.Item label={t('姓名', 'Name')} name="displayName" rules={[{ required: true, message: t('请输入姓名', 'Enter your name') }]}>
            <Input autoComplete="name" maxLength={50} data-testid="register-display-name" />
          </Form.Item>
          <NewPasswordFields name="password" testIds={{ password: 'register-password', confirm: 'register-confirm' }} />
          <Button type="primary" htmlType="submit" block loading={register.isPending || signIn.isPending} data-testid="register-submit">
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
