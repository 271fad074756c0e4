import { Form, Input } from 'antd';
import { useI18n } from '../lib/i18n.tsx';

/**
 * A new password and its repetition, as every form that sets one asks for them: at least 10 characters here,
 * the API's other rules (not the username, not a common password) shown on the field when it refuses.
 */
export function NewPasswordFields(props: { name: string; label?: string; extra?: string; testIds: { password: string; confirm: string } }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        label={props.label ?? t('密码', 'Password')}
        name={props.name}
        extra={props.extra ?? t('至少 10 位', 'At least 10 characters')}
        rules={[
          { required: true, message: t('请输入密码', 'Enter a password') },
          { min: 10, message: t('密码至少 10 位', 'At least 10 characters') },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={props.testIds.password} />
      </Form.Item>
      <Form.Item
        label={t('确认密码', 'Confirm password')}
        name="confirm"
        dependencies={[props.name]}
        rules={[
          { required: true, message: t('请再次输入密码', 'Repeat the password') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue(props.name) === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('两次输入的密码不一致', 'The passwords differ'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={props.testIds.confirm} />
      </Form.Item>
    </>
  );
}
