import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../lib/i18n.tsx';
import { ApiProblem, messageOf, showViolations } from '../lib/problems.ts';
import { homeOf, useSession, useSignIn } from '../lib/session.ts';
import './auth.css';

/** Why a sign-in was refused, in words a person can act on (the API answers the same 401 for every wrong case). */
function refusalText(e: unknown, t: (zh: string, en: string) => string, lang: 'zh' | 'en'): string {
  if (e instanceof ApiProblem && e.code === 'too-many-attempts') {
    const s = e.problem.retryAfterSeconds;
    return t(
      `登录尝试过于频繁。为保护账户安全，请${s ? ` ${s} 秒后` : '稍后'}再试。`,
      `Too many sign-in attempts. To protect the account, try again ${s ? `in ${s} seconds` : 'later'}.`,
    );
  }
  if (e instanceof ApiProblem && e.code === 'invalid-credentials') {
    return t(
      '用户名或密码错误。连续多次输入错误后，账户将被暂时锁定，锁定期间即使密码正确也无法登录，请稍后再试或联系所在区财政局。',
      'Wrong username or password. After repeated wrong passwords the account is locked for a while; during that time even the right password is refused.',
    );
  }
  return messageOf(e, lang);
}

export function SignIn() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const signIn = useSignIn();
  const [error, setError] = useState<unknown>(null);
  const next = params.get('next');
  const safeNext = next?.startsWith('/') && !next.startsWith('//') ? next : null;

  if (session.data && !signIn.isPending) return <Navigate to={safeNext ?? homeOf(session.data.role)} replace />;

  return (
    <div className="auth-page">
      <Card className="auth-card" title={<h1 className="auth-heading">{t('登录', 'Sign in')}</h1>}>
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          data-testid="sign-in-form"
          onFinish={(values: { username: string; password: string }) => {
            setError(null);
            signIn.mutate(values, {
              onSuccess: (user) => navigate(safeNext ?? homeOf(user.role), { replace: true }),
              onError: (e) => {
                showViolations(form, e, { lang });
                setError(e);
              },
            });
          }}
        >
          {error != null && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="sign-in-error"
              className="auth-alert"
              message={refusalText(error, t, lang)}
            />
          )}
          <Form.Item
            label={t('用户名', 'Username')}
            name="username"
            rules={[{ required: true, message: t('请输入用户名', 'Enter the username') }]}
          >
            <Input autoComplete="username" data-testid="username" />
          </Form.Item>
          <Form.Item
            label={t('密码', 'Password')}
            name="password"
            rules={[{ required: true, message: t('请输入密码', 'Enter the password') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending} data-testid="sign-in-submit">
            {t('登录', 'Sign in')}
          </Button>
        </Form>
        <Typography.Paragraph className="auth-note">
          {t(
            '为保护账户安全：同一用户名或同一网络地址短时间内尝试次数过多会被限制；连续输错密码会暂时锁定账户。',
            'To protect accounts: too many attempts from one name or address are limited for a while; repeated wrong passwords lock the account for a time.',
          )}
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('还没有账户？', 'No account yet?')} <Link to="/register">{t('会计人员注册', 'Register as an accountant')}</Link>
          {' · '}
          <Link to="/register/unit">{t('用人单位注册', 'Register an employer unit')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
