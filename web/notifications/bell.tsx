import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, List, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../lib/i18n.tsx';
import type { Role } from '../lib/session.ts';
import { type Notification, useMarkRead, useNotifications } from './queries.ts';

/** Where a message's request opens for each audience; units and administrators read the message only. */
const requestPage = (role: Role, requestId: string) =>
  role === 'applicant' ? `/applicant/requests/${requestId}` : role === 'reviewer' ? `/review/${requestId}` : null;

/**
 * 消息: the header's bell with the unread count; it opens the account's messages, newest first. Opening a
 * message marks it read and goes to its request.
 */
export default function NotificationBell({ role }: { role: Role }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const list = useNotifications();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const unread = list.data?.unread ?? 0;
  const text = (v: { zh: string; en: string }) => (lang === 'zh' ? v.zh : v.en);
  const openMessage = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    const page = requestPage(role, n.requestId);
    if (page) {
      setOpen(false);
      navigate(page);
    }
  };
  return (
    <>
      <Badge count={unread} size="small" data-testid="notification-count">
        <Button
          size="small"
          icon={<BellOutlined />}
          aria-label={t(`消息，${unread} 条未读`, `Messages, ${unread} unread`)}
          data-testid="notification-bell"
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer title={t('消息', 'Messages')} open={open} onClose={() => setOpen(false)} data-testid="notification-drawer">
        <List<Notification>
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('暂无消息', 'No messages') }}
          renderItem={(n) => (
            <List.Item
              data-testid="notification-item"
              data-read={n.readAt ? 'yes' : 'no'}
              onClick={() => openMessage(n)}
              style={{ cursor: 'pointer', alignItems: 'flex-start' }}
            >
              <List.Item.Meta
                title={
                  <Typography.Text strong={!n.readAt}>
                    {!n.readAt && <Badge status="processing" />} {text(n.subject)}
                  </Typography.Text>
                }
                description={
                  <>
                    <Typography.Paragraph style={{ marginBottom: 4 }}>{text(n.body)}</Typography.Paragraph>
                    {n.reasons?.map((r) => (
                      <Typography.Paragraph key={`${r.target}:${r.path}`} type="danger" style={{ marginBottom: 2 }}>
                        {r.reason}
                      </Typography.Paragraph>
                    ))}
                    {n.reason && <Typography.Paragraph type="secondary">{n.reason}</Typography.Paragraph>}
                    <Typography.Text type="secondary">
                      {new Date(n.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}
