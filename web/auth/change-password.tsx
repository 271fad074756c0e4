import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../app/states.tsx';
import { api, unwrap } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ApiProblem, messageOf } from '../lib/problems.ts';
import { homeOf, SESSION_KEY, useSession } from '../lib/session.ts';
import { NewPasswordFields } from './new-password-fields.tsx';
import './auth.css';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The API's password rules belong to the new password; a wrong current one to its own field. */
const fieldOf = (code: string): keyof Values => (code === 'wrong-current-password' ? 'currentPassword' : 'newPassword');

/**
 * 修改密码: any signed-in person sets their own password; a staff account holding a one-time password is
 * sent here first, and goes on to where it was going once it has its own. Other sessions end (the API's rule).
 */
export function ChangePassword() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const session = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const change = useMutation({
    mutationFn: (v: Values) =>
      unwrap(api.POST('/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } })),
  });
  if (session.isPending) return <Loading />;
  if (!session.data) return <Navigate to="/sign-in?next=/password" replace />;
  const user = session.data;
  const next = params.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : homeOf(user.role);

  return (
    <div className="auth-page">
      <Card className="auth-card" title={<h1 className="auth-heading">{t('修改密码', 'Change password')}</h1>}>
        {user.mustChangePassword && (
          <Alert
            type="info"
            showIcon
            className="auth-alert"
            data-testid="one-time-password-notice"
            message={t('您正在使用一次性密码，请先设置自己的密码。', 'You signed in with a one-time password: set your own first.')}
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="change-password-form"
          onFinish={(v) => {
            setError(null);
            change.mutate(v, {
              onSuccess: async () => {
                await qc.invalidateQueries({ queryKey: SESSION_KEY });
                navigate(target, { replace: true });
              },
              onError: (e) => {
                if (e instanceof ApiProblem && (e.code.startsWith('password-') || e.code === 'wrong-current-password')) {
                  form.setFields([{ name: fieldOf(e.code), errors: [messageOf(e, lang)] }]);
                  return;
                }
                setError(e);
              },
            });
          }}
        >
          {error != null && <Alert type="error" showIcon role="alert" className="auth-alert" message={messageOf(error, lang)} />}
          <Form.Item
            label={t('当前密码', 'Current password')}
            name="currentPassword"
            extra={user.mustChangePassword ? t('即管理员告知您的一次性密码', 'The one-time password you were given') : undefined}
            rules={[{ required: true, message: t('请输入当前密码', 'Enter the current password') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
          <NewPasswordFields
            name="newPassword"
            label={t('新密码', 'New password')}
            extra={t('至少 10 位，不含用户名，不能是常用密码', 'At least 10 characters, without the username, not a common password')}
            testIds={{ password: 'new-password', confirm: 'confirm-password' }}
          />
          <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="change-password-submit">
            {t('保存新密码', 'Save the new password')}
          </Button>
        </Form>
        <Typography.Paragraph className="auth-note">
          {t('修改后，您在其他设备上的登录将退出。', 'Your sessions on other devices end once it is changed.')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
