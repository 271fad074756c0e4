import { Drawer, Empty, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../lib/i18n.tsx';
import type { Role } from '../lib/session.ts';
import { type Notification, useMarkRead } from './queries.ts';
import './messages.css';

/** Where a message's request opens for each audience; units and administrators read the message only. */
const requestPage = (role: Role, requestId: string) =>
  role === 'applicant' ? `/applicant/requests/${requestId}` : role === 'reviewer' ? `/review/${requestId}` : null;

/** The account's messages, newest first; opening one marks it read and goes to its request. */
export default function MessagesDrawer(props: { role: Role; open: boolean; onClose: () => void; items: Notification[] }) {
  const { t, lang } = useI18n();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const text = (v: { zh: string; en: string }) => (lang === 'zh' ? v.zh : v.en);
  const openMessage = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    const page = requestPage(props.role, n.requestId);
    if (page) {
      props.onClose();
      navigate(page);
    }
  };
  return (
    <Drawer title={t('消息', 'Messages')} open={props.open} onClose={props.onClose} data-testid="notification-drawer">
      {props.items.length === 0 ? (
        <Empty description={t('暂无消息', 'No messages')} />
      ) : (
        <ul className="messages">
          {props.items.map((n) => (
            <li key={n.id} data-testid="notification-item" data-read={n.readAt ? 'yes' : 'no'}>
              <button type="button" className="message" onClick={() => openMessage(n)}>
                <Typography.Text strong={!n.readAt}>
                  {!n.readAt && <span className="message-unread" aria-hidden="true" />}
                  {text(n.subject)}
                </Typography.Text>
                <div className="message-body">{text(n.body)}</div>
                {n.reasons?.map((r) => (
                  <div key={`${r.target}:${r.path}`} className="message-body message-reason">
                    {r.reason}
                  </div>
                ))}
                {n.reason && <div className="message-body message-note">{n.reason}</div>}
                <Typography.Text type="secondary">{new Date(n.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}</Typography.Text>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Drawer>
  );
}
