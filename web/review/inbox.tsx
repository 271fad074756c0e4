/** The reviewer's inbox: every request waiting in the district, oldest first, overdue ones marked. */
import { useQuery } from '@tanstack/react-query';
import { Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorState } from '../app/states.tsx';
import { api, unwrap } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { components } from '../../api-client/index.ts';
import { type Lang, optionsOf } from '../lib/labels.ts';
import { placeLabel } from './places.ts';

export type InboxItem = components['schemas']['InboxItem'];
export type InboxState = InboxItem['state'];

const PAGE = 100;

/**
 * All pages of the inbox in one state (the API answers at most 100 a page), so filters and counts cover every
 * item. The first page tells how many there are; the others are asked for together.
 */
async function wholeInbox(state: InboxState): Promise<InboxItem[]> {
  const page = (n: number) => unwrap(api.GET('/reviews/inbox', { params: { query: { page: n, pageSize: PAGE, state } } }));
  const first = await page(1);
  const rest = await Promise.all(Array.from({ length: Math.ceil(first.total / PAGE) - 1 }, (_, i) => page(i + 2)));
  return [first, ...rest].flatMap((r) => r.items);
}

export function useInbox(state: InboxState = 'awaitingReview') {
  return useQuery({ queryKey: ['review', 'inbox', state], queryFn: () => wholeInbox(state) });
}

/** What tells the item apart beyond its kind: where a transfer comes from or goes, what a change changes. */
function itemSummary(item: InboxItem, lang: Lang, label: (set: 'formParts', code: string) => string): string {
  const zh = lang === 'zh';
  if (item.origin) return `${zh ? '来自' : 'from'} ${placeLabel(item.origin, lang)}`;
  if (item.destination) return `${zh ? '调往' : 'to'} ${placeLabel(item.destination, lang)}`;
  if (item.changes?.length) return `${zh ? '变更：' : 'changes: '}${item.changes.map((p) => label('formParts', p)).join(zh ? '、' : ', ')}`;
  return '';
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
  const [state, setState] = useState<InboxState>('awaitingReview');
  const inbox = useInbox(state);
  const navigate = useNavigate();
  const [kind, setKind] = useState<string | undefined>();
  const [overdue, setOverdue] = useState<'all' | 'overdue'>('all');
  const shown = useMemo(
    () => (inbox.data ?? []).filter((i) => (!kind || i.kind === kind) && (overdue === 'all' || i.overdue)),
    [inbox.data, kind, overdue],
  );
  if (inbox.isError) return <ErrorState error={inbox.error} retry={() => inbox.refetch()} />;
  const overdueCount = (inbox.data ?? []).filter((i) => i.overdue).length;
  const kindCount = (k: string) => (inbox.data ?? []).filter((i) => i.kind === k && (overdue === 'all' || i.overdue)).length;
  const when = (v: string | null) => (v ? new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : '—');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2}>{t('待审核申请', 'Requests to review')}</Typography.Title>
        <Link to="/review/units" data-testid="review-units-link">
          {t('用人单位确认', 'Employer units')}
        </Link>
      </Space>
      <Space wrap>
        <Typography.Text data-testid="inbox-counts">
          {t(`共 ${inbox.data?.length ?? 0} 件，其中超期 ${overdueCount} 件`, `${inbox.data?.length ?? 0} in all, ${overdueCount} overdue`)}
        </Typography.Text>
        <Segmented
          aria-label={t('状态筛选', 'State filter')}
          data-testid="inbox-filter-state"
          value={state}
          onChange={(v) => setState(v as InboxState)}
          options={[
            { value: 'awaitingReview', label: t('待审核', 'To review') },
            { value: 'returned', label: t('已退回待修改', 'Returned, awaiting correction') },
          ]}
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          aria-label={t('申请类型', 'Kind')}
          data-testid="inbox-filter-kind"
          placeholder={t('全部类型', 'All kinds')}
          value={kind}
          onChange={setKind}
          options={optionsOf('requestKinds', lang).map((o) => ({ ...o, label: `${o.label} (${kindCount(o.value)})` }))}
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
        scroll={{ y: 600, x: 1000 }}
        pagination={false}
        locale={{ emptyText: t('没有待审核的申请', 'Nothing to review') }}
        columns={[
          {
            title: t('姓名', 'Name'),
            dataIndex: 'name',
            width: 180,
            render: (v: string | null, r) => (
              <Space direction="vertical" size={0}>
                <span data-testid="inbox-name">{v ?? t('（待获取）', '(not yet known)')}</span>
                {r.archiveNo && <Typography.Text type="secondary">{r.archiveNo}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('申请类型', 'Kind'), dataIndex: 'kind', width: 120, render: (k: string) => label('requestKinds', k) },
          {
            title: t('来源 / 变更内容', 'Origin / what changes'),
            key: 'summary',
            width: 220,
            render: (_: unknown, r) => <span data-testid="inbox-summary">{itemSummary(r, lang, label)}</span>,
          },
          { title: t('轮次', 'Round'), dataIndex: 'round', width: 70 },
          {
            title: t('提交 / 收到时间', 'Submitted / received'),
            dataIndex: 'submittedAt',
            width: 200,
            render: (v: string | null, r) => (
              <Space direction="vertical" size={0}>
                {when(v)}
                {r.received && <Tag color="blue">{t('外省调入', 'Sent by another province')}</Tag>}
              </Space>
            ),
          },
          {
            title: state === 'returned' ? t('修改期限', 'Correction due') : t('审核期限', 'Due'),
            dataIndex: state === 'returned' ? 'correctionDueAt' : 'reviewDueAt',
            width: 200,
            render: (v: string | null, r) => (
              <Space>
                {when(v)}
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
