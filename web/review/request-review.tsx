/**
 * One request as the district reviewer sees it: who arrives (transfers in, district moves), the form and
 * materials, credit warnings, earlier rounds, and the decision — approve, or return naming each field and
 * material to correct, with a reason; for a transfer another province sent, accept or refuse with a reason.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, List, Result, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { nameOfPath } from '../applicant/field-names.ts';
import { stateColor } from '../applicant/state-color.ts';
import { ErrorState, Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { messageOf } from '../lib/problems.ts';
import { ArrivingPersonCard } from './arriving-person.tsx';
import { FormParts } from './form-parts.tsx';
import { useInbox } from './inbox.tsx';
import { MaterialImages } from './material-images.tsx';
import { type Returns, type ReturnControls, reasonProblem } from './return-toggle.tsx';
import { type CreditWarning, type Decision, decide, type RequestForReview, requestForReview, reviewKeys } from './review-api.ts';

export function RequestReviewPage() {
  const { id = '' } = useParams();
  // A fresh page per request: the toggles and reasons of one never carry over to the next.
  return <RequestReview key={id} id={id} />;
}

/** The inbox item after this one (or the first other one once this one has left the inbox). */
function useNextRequest(id: string) {
  const inbox = useInbox();
  const items = inbox.data ?? [];
  const at = items.findIndex((i) => i.requestId === id);
  const rest = at >= 0 ? [...items.slice(at + 1), ...items.slice(0, at)] : items;
  return rest.find((i) => i.requestId !== id);
}

function RequestReview({ id }: { id: string }) {
  const { t, label, lang } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const request = useQuery({ queryKey: reviewKeys.request(id), queryFn: () => requestForReview(id), enabled: id !== '' });
  const next = useNextRequest(id);
  const [returns, setReturns] = useState<Returns>({});
  const [comment, setComment] = useState('');
  const [refusal, setRefusal] = useState('');
  const [checked, setChecked] = useState(false);
  const decision = useMutation({
    mutationFn: (d: Decision) => decide(id, d),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: reviewKeys.inbox });
      queryClient.invalidateQueries({ queryKey: reviewKeys.request(id) });
    },
  });
  const decided = decision.isSuccess;
  const controls: ReturnControls = useMemo(
    () => ({
      returns,
      checked,
      disabled: decided || decision.isPending,
      // A transfer another province sent is not returned for correction: it is accepted or refused.
      hidden: request.data?.received === true,
      toggle: (path, target) =>
        setReturns((r) => {
          const { [path]: open, ...rest } = r;
          return open ? rest : { ...r, [path]: { target, reason: '' } };
        }),
      setReason: (path, reason) => setReturns((r) => (r[path] ? { ...r, [path]: { ...r[path], reason } } : r)),
    }),
    [returns, checked, decided, decision.isPending, request.data?.received],
  );

  if (request.isError) return <ErrorState error={request.error} retry={() => request.refetch()} />;
  if (!request.data) return <Loading />;
  const r = request.data;
  const returning = Object.entries(returns);
  const trimmedComment = comment.trim() || undefined;
  const approve = () => decision.mutate({ outcome: 'approved', ...(trimmedComment ? { comment: trimmedComment } : {}) });
  const sendReturn = () => {
    setChecked(true);
    if (returning.length === 0 || returning.some(([, d]) => reasonProblem(d.reason, lang))) return;
    decision.mutate({
      outcome: 'returned',
      ...(trimmedComment ? { comment: trimmedComment } : {}),
      reasons: returning.map(([path, d]) => ({ target: d.target, path, reason: d.reason.trim() })),
    });
  };
  const accept = () => decision.mutate({ outcome: 'accepted', ...(trimmedComment ? { comment: trimmedComment } : {}) });
  const refuse = () => {
    setChecked(true);
    if (reasonProblem(refusal, lang)) return;
    decision.mutate({ outcome: 'refused', reason: refusal.trim(), ...(trimmedComment ? { comment: trimmedComment } : {}) });
  };
  const when = (v: string | null) => (v ? new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : '—');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="review-request">
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap align="center">
          <Typography.Title level={2} style={{ margin: 0 }}>
            {label('requestKinds', r.kind)}
          </Typography.Title>
          <Tag color={stateColor(r.state)} data-testid="request-state">
            {label('states', r.state)}
          </Tag>
          <Typography.Text>{t(`第 ${r.round} 轮`, `Round ${r.round}`)}</Typography.Text>
          {r.overdue && <Tag color="red">{t('已超期', 'Overdue')}</Tag>}
        </Space>
        <Space>
          <Button onClick={() => navigate('/review')}>{t('返回列表', 'Back to inbox')}</Button>
          <Button
            data-testid="next-request"
            disabled={!next}
            onClick={() => next && navigate(`/review/${next.requestId}`)}
            title={next ? undefined : t('没有其他待审核的申请', 'Nothing else to review')}
          >
            {t('下一件', 'Next')}
          </Button>
        </Space>
      </Space>
      <Typography.Text type="secondary">
        {r.received
          ? t(
              `收到时间：${when(r.submittedAt)}　审核期限：${when(r.reviewDueAt)}`,
              `Received ${when(r.submittedAt)} · due ${when(r.reviewDueAt)}`,
            )
          : t(
              `提交时间：${when(r.submittedAt)}　审核期限：${when(r.reviewDueAt)}`,
              `Submitted ${when(r.submittedAt)} · due ${when(r.reviewDueAt)}`,
            )}
      </Typography.Text>
      <CreditWarnings warnings={r.creditWarnings} />
      {r.state !== 'awaitingReview' && !decided && (
        <Alert
          type="info"
          showIcon
          message={t(
            `该申请当前状态为“${label('states', r.state)}”，不在待审核中`,
            `This request is ${label('states', r.state)}, not awaiting review`,
          )}
        />
      )}
      <EarlierRounds reviews={r.reviews} />
      <ArrivingPersonCard person={r.arriving} kind={r.kind} />
      {/* A transfer sent here has no form of its own: who arrives is shown above. */}
      {!r.received && (
        <Card title={t('申请内容', 'Form')} size="small">
          <FormParts form={r.form} controls={controls} />
        </Card>
      )}
      <Card title={t('材料', 'Materials')} size="small">
        <MaterialImages materials={r.materials} controls={controls} />
      </Card>
      <Card title={t('审核意见', 'Decision')} size="small">
        <DecisionPanel
          request={r}
          comment={comment}
          setComment={setComment}
          returningCount={returning.length}
          checked={checked}
          decision={decision}
          approve={approve}
          sendReturn={sendReturn}
          refusal={refusal}
          setRefusal={setRefusal}
          accept={accept}
          refuse={refuse}
        />
      </Card>
    </Space>
  );
}

function DecisionPanel(props: {
  request: RequestForReview;
  comment: string;
  setComment(v: string): void;
  returningCount: number;
  checked: boolean;
  decision: { isPending: boolean; isSuccess: boolean; isError: boolean; error: unknown; data?: { state: string }; variables?: Decision };
  approve(): void;
  sendReturn(): void;
  refusal: string;
  setRefusal(v: string): void;
  accept(): void;
  refuse(): void;
}) {
  const { t, label, lang } = useI18n();
  const { decision } = props;
  if (decision.isSuccess && decision.data) {
    const outcome = decision.variables?.outcome;
    return (
      <Result
        status="success"
        data-testid="decision-result"
        title={
          outcome === 'returned'
            ? t('已退回申请人修改', 'Returned to the applicant')
            : outcome === 'refused'
              ? t('已不予接收，理由已告知调出地', 'Refused; the origin province is told the reason')
              : outcome === 'accepted'
                ? t('已同意接收', 'Accepted')
                : t('已审核通过', 'Approved')
        }
        subTitle={t(
          `申请现在的状态：${label('states', decision.data.state)}`,
          `The request is now: ${label('states', decision.data.state)}`,
        )}
      />
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        aria-label={t('审核意见（可选）', 'Comment (optional)')}
        placeholder={t('审核意见（可选，500 字以内）', 'Comment (optional, up to 500 characters)')}
        maxLength={500}
        showCount
        autoSize={{ minRows: 2, maxRows: 6 }}
        value={props.comment}
        onChange={(e) => props.setComment(e.target.value)}
        data-testid="review-comment"
      />
      {decision.isError && (
        <Alert type="error" showIcon role="alert" data-testid="decision-error" message={messageOf(decision.error, lang)} />
      )}
      {props.request.received ? (
        <TransferDecision {...props} />
      ) : (
        <>
          {props.checked && props.returningCount === 0 && (
            <Alert
              type="warning"
              showIcon
              message={t('请先点击字段或材料旁的“退回”并写明理由', 'Choose “Return” beside a field or material and give the reason first')}
            />
          )}
          <Space wrap>
            <Button
              type="primary"
              data-testid="approve"
              loading={decision.isPending && decision.variables?.outcome === 'approved'}
              disabled={decision.isPending || props.returningCount > 0}
              onClick={props.approve}
            >
              {t('审核通过', 'Approve')}
            </Button>
            <Button
              danger
              data-testid="return-submit"
              loading={decision.isPending && decision.variables?.outcome === 'returned'}
              disabled={decision.isPending}
              onClick={props.sendReturn}
            >
              {props.returningCount > 0
                ? t(`退回修改（${props.returningCount} 项）`, `Return (${props.returningCount})`)
                : t('退回修改', 'Return')}
            </Button>
          </Space>
        </>
      )}
    </Space>
  );
}

/** A transfer another province sent: accepted, or refused with the reason the origin is told. */
function TransferDecision(props: Parameters<typeof DecisionPanel>[0]) {
  const { t, lang } = useI18n();
  const { decision } = props;
  const problem = props.checked ? reasonProblem(props.refusal, lang) : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        aria-label={t('不予接收的理由', 'Reason for refusing')}
        placeholder={t(
          '不予接收时必填：理由将告知调出地及申请人（2–500 字）',
          'Required to refuse: the origin and the applicant are told (2–500 characters)',
        )}
        maxLength={500}
        showCount
        autoSize={{ minRows: 2, maxRows: 6 }}
        value={props.refusal}
        status={problem ? 'error' : undefined}
        onChange={(e) => props.setRefusal(e.target.value)}
        data-testid="refusal-reason"
      />
      {problem && (
        <Typography.Text type="danger" data-testid="refusal-reason-problem">
          {problem}
        </Typography.Text>
      )}
      <Space wrap>
        <Button
          type="primary"
          data-testid="accept"
          loading={decision.isPending && decision.variables?.outcome === 'accepted'}
          disabled={decision.isPending}
          onClick={props.accept}
        >
          {t('同意接收', 'Accept')}
        </Button>
        <Button
          danger
          data-testid="refuse"
          loading={decision.isPending && decision.variables?.outcome === 'refused'}
          disabled={decision.isPending}
          onClick={props.refuse}
        >
          {t('不予接收', 'Refuse')}
        </Button>
      </Space>
    </Space>
  );
}

function CreditWarnings({ warnings }: { warnings: CreditWarning[] | undefined }) {
  const { t } = useI18n();
  if (!warnings?.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="credit-warnings"
      message={t(`此人有 ${warnings.length} 条失信记录`, `${warnings.length} untrustworthiness record(s) on this person`)}
      description={
        <List
          size="small"
          dataSource={warnings}
          renderItem={(w) => (
            <List.Item data-testid="credit-warning">
              {w.occurredOn} · {w.issuer} · {w.documentNo}：{w.description}
            </List.Item>
          )}
        />
      }
    />
  );
}

function EarlierRounds({ reviews }: { reviews: RequestForReview['reviews'] }) {
  const { t, label, lang } = useI18n();
  if (reviews.length === 0) return null;
  return (
    <Card title={t('以往审核', 'Earlier rounds')} size="small" data-testid="earlier-rounds">
      <List
        dataSource={reviews}
        renderItem={(d) => (
          <List.Item data-testid={`round-${d.round}`}>
            <Space direction="vertical" size={2}>
              <Space wrap>
                <Typography.Text strong>{t(`第 ${d.round} 轮`, `Round ${d.round}`)}</Typography.Text>
                <Tag color={d.outcome === 'returned' ? 'orange' : d.outcome === 'refused' ? 'red' : 'green'}>
                  {label('events', d.outcome)}
                </Tag>
                <Typography.Text type="secondary">{new Date(d.decidedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}</Typography.Text>
              </Space>
              {d.comment && <Typography.Text>{d.comment}</Typography.Text>}
              {d.reasons.map((reason) => (
                <Typography.Text key={reason.path} data-testid={`earlier-reason-${reason.path}`}>
                  {nameOfPath(reason.path, lang)}：{reason.reason}
                </Typography.Text>
              ))}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
