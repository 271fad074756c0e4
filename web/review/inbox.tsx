/** The reviewer's inbox: every request waiting in the district, oldest first, overdue ones marked. */
import { useQuery } from '@tanstack/react-query';
import { Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState } from '../app/states.tsx';
import { api, unwrap } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { optionsOf } from '../lib/labels.ts';

export interface InboxItem {
  requestId: string;
  kind: string;
  round: number;
  submittedAt: string | null;
  reviewDueAt: string | null;
  overdue: boolean;
}

const PAGE = 100;

/**
 * All pages of the inbox (the API answers at most 100 a page), so filters and counts cover every item. The
 * first page tells how many there are; the others are asked for together.
 */
async function wholeInbox(): Promise<InboxItem[]> {
  const page = (n: number) => unwrap(api.GET('/reviews/inbox', { params: { query: { page: n, pageSize: PAGE } } }));
  const first = await page(1);
  const rest = await Promise.all(Array.from({ length: Math.ceil(first.total / PAGE) - 1 }, (_, i) => page(i + 2)));
  return [first, ...rest].flatMap((r) => r.items as unknown as InboxItem[]);
}

export function useInbox() {
  return useQuery({ queryKey: ['review', 'inbox'], queryFn: wholeInbox });
}

/** A row opens its request, by click or by Enter. */
function rowOpening(open: (id: string) => void) {
  return (item: InboxItem) =>
    ({
      'data-testid': 'inbox-item',
      'data-request-id': item.requestId,
      tabIndex: 0,
      role: 'link',
      style: { cursor: 'pointer' },
      onClick: () => open(item.requestId),
      onKeyDown: (e) => {
        if (e.key === 'Enter') open(item.requestId);
      },
    }) as HTMLAttributes<HTMLElement>;
}

export function Inbox() {
  const { t, label, lang } = useI18n();
  const inbox = useInbox();
  const navigate = useNavigate();
  const [kind, setKind] = useState<string | undefined>();
  const [overdue, setOverdue] = useState<'all' | 'overdue'>('all');
  const shown = useMemo(
    () => (inbox.data ?? []).filter((i) => (!kind || i.kind === kind) && (overdue === 'all' || i.overdue)),
    [inbox.data, kind, overdue],
  );
  if (inbox.isError) return <ErrorState error={inbox.error} retry={() => inbox.refetch()} />;
  const overdueCount = (inbox.data ?? []).filter((i) => i.overdue).length;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('待审核申请', 'Requests to review')}</Typography.Title>
      <Space wrap>
        <Typography.Text data-testid="inbox-counts">
          {t(
            `共 ${inbox.data?.length ?? 0} 件，其中超期 ${overdueCount} 件`,
            `${inbox.data?.length ?? 0} waiting, ${overdueCount} overdue`,
          )}
        </Typography.Text>
        <Select
          allowClear
          style={{ minWidth: 160 }}
          aria-label={t('申请类型', 'Kind')}
          data-testid="inbox-filter-kind"
          placeholder={t('全部类型', 'All kinds')}
          value={kind}
          onChange={setKind}
          options={optionsOf('requestKinds', lang)}
        />
        <Segmented
          aria-label={t('超期筛选', 'Overdue filter')}
          data-testid="inbox-filter-overdue"
          value={overdue}
          onChange={(v) => setOverdue(v as 'all' | 'overdue')}
          options={[
            { value: 'all', label: t('全部', 'All') },
            { value: 'overdue', label: t('仅超期', 'Overdue only') },
          ]}
        />
      </Space>
      <Table<InboxItem>
        data-testid="inbox-table"
        rowKey="requestId"
        onRow={rowOpening((id) => navigate(`/review/${id}`))}
        loading={inbox.isPending}
        dataSource={shown}
        virtual
        scroll={{ y: 600, x: 700 }}
        pagination={false}
        locale={{ emptyText: t('没有待审核的申请', 'Nothing to review') }}
        columns={[
          { title: t('申请类型', 'Kind'), dataIndex: 'kind', width: 160, render: (k: string) => label('requestKinds', k) },
          { title: t('轮次', 'Round'), dataIndex: 'round', width: 80 },
          {
            title: t('提交时间', 'Submitted'),
            dataIndex: 'submittedAt',
            width: 200,
            render: (v: string | null) => (v ? new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : '—'),
          },
          {
            title: t('审核期限', 'Due'),
            dataIndex: 'reviewDueAt',
            width: 200,
            render: (v: string | null, r) => (
              <Space>
                {v ? new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : '—'}
                {r.overdue && (
                  <Tag color="red" data-testid="inbox-overdue">
                    {t('已超期', 'Overdue')}
                  </Tag>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
