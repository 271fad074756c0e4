import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { components } from '../../api-client/index.ts';
import { ErrorState } from '../app/states.tsx';
import { api, unwrap } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ApiProblem, messageOf, showViolations } from '../lib/problems.ts';
import { useDistricts } from '../lib/reference.ts';

type StaffAccount = components['schemas']['StaffAccount'];
type NewStaff = components['schemas']['NewStaff'];
type AccountChange = components['schemas']['AccountChangeEntry'];

const STAFF = ['admin', 'staff'] as const;

/** Problems that belong to one field of the account form. */
const fieldOfProblem: Record<string, string> = {
  'username-taken': 'username',
  'reviewer-needs-district': 'districtCodes',
  'admin-without-districts': 'districtCodes',
  'unknown-district': 'districtCodes',
};

/**
 * 工作人员: administrators and district reviewers. New accounts and password resets answer a one-time
 * password, shown here once; a new role or district takes effect at once (the account's sessions end).
 */
export function StaffPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="staff-heading" data-testid="staff-page">
      <Typography.Title level={2} id="staff-heading" className="page-heading">
        {t('工作人员账户', 'Staff accounts')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'accounts', label: t('账户', 'Accounts'), children: <StaffAccounts /> },
          { key: 'changes', label: t('变更记录', 'Changes'), children: <AccountChanges /> },
        ]}
      />
    </section>
  );
}

function StaffAccounts() {
  const { t, lang, label } = useI18n();
  const qc = useQueryClient();
  const districts = useDistricts();
  const districtName = (code: string) => {
    const d = districts.data?.districts.find((x) => x.code === code);
    return d ? (lang === 'zh' ? d.zh : d.en) : code;
  };
  const accounts = useQuery({
    queryKey: [...STAFF, 'list'],
    queryFn: () => unwrap(api.GET('/admin/staff', { params: { query: { includeDisabled: 'true' } } })),
  });
  const [editing, setEditing] = useState<StaffAccount | 'new' | null>(null);
  const [oneTime, setOneTime] = useState<{ username: string; password: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: STAFF });
  const act = useMutation({
    mutationFn: async ({ action, userId }: { action: 'disable' | 'enable' | 'password-reset'; userId: string }) => {
      const params = { params: { path: { userId } } };
      if (action === 'disable') return { account: await unwrap(api.POST('/admin/staff/{userId}/disable', params)) };
      if (action === 'enable') return { account: await unwrap(api.POST('/admin/staff/{userId}/enable', params)) };
      return unwrap(api.POST('/admin/staff/{userId}/password-reset', params));
    },
    onSuccess: (r) => {
      setError(null);
      if ('oneTimePassword' in r) setOneTime({ username: r.account.username, password: r.oneTimePassword });
      void refresh();
    },
    onError: setError,
  });

  if (accounts.isError) return <ErrorState error={accounts.error} retry={() => accounts.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" data-testid="staff-new" onClick={() => setEditing('new')}>
        {t('新建账户', 'New account')}
      </Button>
      {error != null && <Alert type="error" showIcon role="alert" message={messageOf(error, lang)} />}
      <Table<StaffAccount>
        data-testid="staff-table"
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={accounts.isFetching}
        dataSource={accounts.data?.items ?? []}
        columns={[
          { title: t('用户名', 'Username'), dataIndex: 'username' },
          { title: t('姓名', 'Name'), dataIndex: 'displayName' },
          { title: t('角色', 'Role'), dataIndex: 'role', render: (r: string) => label('roles', r) },
          {
            title: t('审核区县', 'Districts'),
            dataIndex: 'districtCodes',
            render: (codes: string[]) => (codes.length ? codes.map(districtName).join(lang === 'zh' ? '、' : ', ') : '—'),
          },
          {
            title: t('状态', 'Status'),
            render: (_, a) => (
              <Space size={4} wrap>
                {a.disabled ? <Tag color="default">{t('已停用', 'Disabled')}</Tag> : <Tag color="green">{t('正常', 'Active')}</Tag>}
                {a.mustChangePassword && <Tag color="gold">{t('一次性密码', 'One-time password')}</Tag>}
                {a.lockedUntil && new Date(a.lockedUntil) > new Date() && <Tag color="red">{t('已锁定', 'Locked')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('操作', 'Actions'),
            render: (_, a) => (
              <Space size={4} wrap>
                <Button size="small" data-testid={`staff-edit-${a.username}`} onClick={() => setEditing(a)}>
                  {t('修改', 'Edit')}
                </Button>
                <Popconfirm
                  title={t('重置后原密码失效，并退出其所有登录。', 'The old password stops working and every session ends.')}
                  onConfirm={() => act.mutate({ action: 'password-reset', userId: a.id })}
                >
                  <Button size="small" data-testid={`staff-reset-${a.username}`}>
                    {t('重置密码', 'Reset password')}
                  </Button>
                </Popconfirm>
                {a.disabled ? (
                  <Button
                    size="small"
                    data-testid={`staff-enable-${a.username}`}
                    onClick={() => act.mutate({ action: 'enable', userId: a.id })}
                  >
                    {t('启用', 'Enable')}
                  </Button>
                ) : (
                  <Popconfirm
                    title={t('停用后该账户不能登录，其所有登录立即退出。', 'It cannot sign in; its sessions end at once.')}
                    onConfirm={() => act.mutate({ action: 'disable', userId: a.id })}
                  >
                    <Button size="small" danger data-testid={`staff-disable-${a.username}`}>
                      {t('停用', 'Disable')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <StaffForm
          account={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            if (r.oneTimePassword) setOneTime({ username: r.username, password: r.oneTimePassword });
            void refresh();
          }}
        />
      )}
      <Modal
        open={oneTime !== null}
        title={t('一次性密码', 'One-time password')}
        onCancel={() => setOneTime(null)}
        footer={<Button onClick={() => setOneTime(null)}>{t('我已记下', 'I have noted it')}</Button>}
      >
        <Typography.Paragraph>
          {t(
            `请将以下一次性密码告知 ${oneTime?.username}。它只显示这一次，首次登录后须设置自己的密码。`,
            `Give this one-time password to ${oneTime?.username}. It is shown this once; a password of their own is set at the first sign-in.`,
          )}
        </Typography.Paragraph>
        <Typography.Text code copyable data-testid="one-time-password">
          {oneTime?.password}
        </Typography.Text>
      </Modal>
    </Space>
  );
}

type FormValues = NewStaff;

function StaffForm(props: {
  account: StaffAccount | null;
  onClose: () => void;
  onSaved: (r: { username: string; oneTimePassword?: string }) => void;
}) {
  const { t, lang, label } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const districts = useDistricts();
  const [error, setError] = useState<unknown>(null);
  const role = Form.useWatch('role', form);
  const a = props.account;
  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const districtCodes = v.role === 'reviewer' ? (v.districtCodes ?? []) : [];
      if (!a) {
        const r = await unwrap(api.POST('/admin/staff', { body: { ...v, phone: v.phone || null, districtCodes } }));
        return { username: r.account.username, oneTimePassword: r.oneTimePassword };
      }
      const r = await unwrap(
        api.PATCH('/admin/staff/{userId}', {
          params: { path: { userId: a.id } },
          body: { role: v.role, displayName: v.displayName, phone: v.phone || null, districtCodes },
        }),
      );
      return { username: r.username };
    },
  });
  return (
    <Modal
      open
      title={a ? t(`修改账户 ${a.username}`, `Edit ${a.username}`) : t('新建工作人员账户', 'New staff account')}
      onCancel={props.onClose}
      footer={
        <Space>
          <Button onClick={props.onClose}>{t('取消', 'Cancel')}</Button>
          <Button type="primary" loading={save.isPending} data-testid="staff-save" onClick={() => form.submit()}>
            {t('保存', 'Save')}
          </Button>
        </Space>
      }
    >
      {error != null && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={messageOf(error, lang)} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="staff-form"
        initialValues={
          a
            ? {
                username: a.username,
                role: a.role,
                displayName: a.displayName,
                phone: a.phone ?? undefined,
                districtCodes: a.districtCodes,
              }
            : { role: 'reviewer', districtCodes: [] }
        }
        onFinish={(v) => {
          setError(null);
          save.mutate(v, {
            onSuccess: props.onSaved,
            onError: (e) => {
              const field = e instanceof ApiProblem ? fieldOfProblem[e.code] : undefined;
              if (field) {
                form.setFields([{ name: field as keyof FormValues, errors: [messageOf(e, lang)] }]);
                return;
              }
              const unplaced = showViolations(form, e, { lang });
              if (!(e instanceof ApiProblem) || !e.problem.violations?.length || unplaced.length) setError(e);
            },
          });
        }}
      >
        <Form.Item
          label={t('用户名', 'Username')}
          name="username"
          rules={[
            { required: true, message: t('请输入用户名', 'Enter a username') },
            { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: t('用户名为 3–64 位字母、数字或 _ . @ -', '3–64 letters, digits or _ . @ -') },
          ]}
        >
          <Input disabled={a !== null} data-testid="staff-username" />
        </Form.Item>
        <Form.Item label={t('角色', 'Role')} name="role" rules={[{ required: true }]}>
          <Select
            data-testid="staff-role"
            options={(['reviewer', 'admin'] as const).map((r) => ({ value: r, label: label('roles', r) }))}
          />
        </Form.Item>
        <Form.Item label={t('姓名', 'Name')} name="displayName" rules={[{ required: true, message: t('请输入姓名', 'Enter the name') }]}>
          <Input maxLength={50} data-testid="staff-display-name" />
        </Form.Item>
        <Form.Item label={t('联系电话', 'Phone')} name="phone">
          <Input maxLength={30} data-testid="staff-phone" />
        </Form.Item>
        {role === 'reviewer' && (
          <Form.Item
            label={t('审核区县', 'Districts reviewed')}
            name="districtCodes"
            rules={[{ required: true, message: t('审核人员至少负责一个区县', 'A reviewer reviews at least one district') }]}
          >
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              data-testid="staff-districts"
              options={(districts.data?.districts ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function AccountChanges() {
  const { t, label } = useI18n();
  const [page, setPage] = useState(1);
  const changes = useQuery({
    queryKey: [...STAFF, 'changes', page],
    queryFn: () => unwrap(api.GET('/admin/account-changes', { params: { query: { page, pageSize: 50 } } })),
  });
  if (changes.isError) return <ErrorState error={changes.error} retry={() => changes.refetch()} />;
  const actions: Record<AccountChange['action'], [string, string]> = {
    created: ['创建', 'Created'],
    changed: ['修改', 'Changed'],
    disabled: ['停用', 'Disabled'],
    enabled: ['启用', 'Enabled'],
    passwordReset: ['重置密码', 'Password reset'],
  };
  const fields: Record<string, [string, string]> = {
    role: ['角色', 'Role'],
    districtCodes: ['审核区县', 'Districts'],
    displayName: ['姓名', 'Name'],
    phone: ['电话', 'Phone'],
  };
  const value = (field: string, v: string | string[] | null) =>
    v === null ? '—' : Array.isArray(v) ? v.join(', ') || '—' : field === 'role' ? label('roles', v) : v;
  return (
    <Table<AccountChange>
      data-testid="account-changes"
      rowKey="id"
      size="small"
      scroll={{ x: true }}
      loading={changes.isFetching}
      dataSource={changes.data?.items ?? []}
      pagination={{ current: page, pageSize: 50, total: changes.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
      columns={[
        { title: t('时间', 'When'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
        { title: t('操作人', 'By'), dataIndex: 'actorUsername', render: (v: string | null) => v ?? t('命令行', 'command line') },
        { title: t('账户', 'Account'), dataIndex: 'username' },
        { title: t('操作', 'Action'), dataIndex: 'action', render: (v: AccountChange['action']) => t(...actions[v]) },
        {
          title: t('变更', 'Changes'),
          dataIndex: 'changes',
          render: (c: AccountChange['changes']) =>
            Object.entries(c)
              .map(([field, { from, to }]) => `${fields[field] ? t(...fields[field]) : field}: ${value(field, from)} → ${value(field, to)}`)
              .join('; ') || '—',
        },
      ]}
    />
  );
}
