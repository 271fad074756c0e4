import { BellOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import type { Role } from '../lib/session.ts';
import { useNotifications } from './queries.ts';

// The drawer and its list load when first opened: every page's header carries only the bell.
const MessagesDrawer = lazy(() => import('./messages-drawer.tsx'));

/** 消息: the header's bell with the unread count; it opens the account's messages. */
export function NotificationBell({ role }: { role: Role }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  const unread = list.data?.unread ?? 0;
  return (
    <>
      <Button
        size="small"
        icon={<BellOutlined />}
        aria-label={t(`消息，${unread} 条未读`, `Messages, ${unread} unread`)}
        data-testid="notification-bell"
        onClick={() => {
          setOpen(true);
          setOpened(true);
        }}
      >
        {unread > 0 && (
          <span className="app-unread" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Button>
      {opened && (
        <Suspense fallback={null}>
          <MessagesDrawer role={role} open={open} onClose={() => setOpen(false)} items={list.data?.items ?? []} />
        </Suspense>
      )}
    </>
  );
}
