/**
 * One part of a request's form as an antd Form: saved to the API as a whole, the API's violations put
 * on their fields (in Chinese). While a request is returned, only what the reviewer named can change,
 * and each of those fields shows the reviewer's reason.
 */
import { Alert, Button, Form, type FormItemProps, Space } from 'antd';
import { cloneElement, createContext, isValidElement, type ReactElement, type ReactNode, useContext, useState } from 'react';
import { useI18n } from '../../lib/i18n.tsx';
import { ApiProblem, messageOf, showViolations } from '../../lib/problems.ts';
import { isUnderReturned, type ReturnReason } from '../form-api.ts';

export interface PartMode {
  /** The reasons of the latest return: only these paths may change. */
  returned?: ReturnReason[];
  /** Nothing may change (submitted, or read only). */
  locked?: boolean;
}

interface PartContextValue {
  part: string;
  mode: PartMode;
}
const PartContext = createContext<PartContextValue>({ part: '', mode: {} });

export function usePartMode() {
  const { part, mode } = useContext(PartContext);
  const paths = (mode.returned ?? []).map((r) => r.path);
  return {
    part,
    editable: (path: string) => !mode.locked && (!mode.returned || isUnderReturned(path, paths)),
    reasonOf: (path: string) => mode.returned?.find((r) => path === r.path || path.startsWith(`${r.path}.`))?.reason,
  };
}

/** A form field bound to `<part>.<path>`: disabled unless editable, highlighted with the reviewer's reason when returned. */
export function FieldItem({ path, children, extra, ...rest }: FormItemProps & { path: string; children: ReactNode }) {
  const { part, editable, reasonOf } = usePartMode();
  const full = path ? `${part}.${path}` : part;
  const reason = reasonOf(full);
  const disabled = !editable(full);
  const child = isValidElement(children) ? cloneElement(children as ReactElement<{ disabled?: boolean }>, { disabled }) : children;
  return (
    <Form.Item
      {...rest}
      className={reason ? 'returned-field' : undefined}
      data-path={full}
      extra={
        reason ? (
          <span className="returned-reason" data-testid={`returned-reason-${full}`}>
            退回原因：{reason}
          </span>
        ) : (
          extra
        )
      }
    >
      {child}
    </Form.Item>
  );
}

export interface PartFormProps<V, B> {
  part: string;
  mode: PartMode;
  /** The part as the form holds it (lists as `{ items }`). */
  initialValues: V | undefined;
  /** The form's values as the API's body of this part (the API checks it). */
  toBody: (values: V) => B;
  save: (body: B) => Promise<void>;
  onSaved?: () => void;
  /** List parts keep their entries under `items`: violations `<part>.0.x` land on `items.0.x`. */
  list?: boolean;
  submitText?: string;
  extraActions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function PartForm<V extends object, B>(props: PartFormProps<V, B>) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const anyEditable = !props.mode.locked;
  return (
    <PartContext.Provider value={{ part: props.part, mode: props.mode }}>
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={props.initialValues}
        scrollToFirstError
        data-testid={props.testId ?? `part-${props.part}`}
        onFinish={async (values) => {
          setError(null);
          setSaving(true);
          try {
            await props.save(props.toBody(values));
            props.onSaved?.();
          } catch (e) {
            const unplaced = showViolations(form, e, { strip: [props.part], prefix: props.list ? ['items'] : [], lang });
            const placedAll = e instanceof ApiProblem && !!e.problem.violations?.length && unplaced.length === 0;
            if (!placedAll) setError(e);
          } finally {
            setSaving(false);
          }
        }}
      >
        {props.mode.returned && (
          <Alert
            type="warning"
            showIcon
            className="part-alert"
            message={t(
              '审核人员退回了以下内容，请修改标出的项目；其他内容不能修改。',
              'The reviewer returned what is marked; only that can change.',
            )}
          />
        )}
        {error != null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="part-alert"
            data-testid="part-error"
            message={messageOf(error, lang)}
            description={
              error instanceof ApiProblem && error.problem.violations?.length ? (
                <ul>
                  {error.problem.violations.map((v) => (
                    <li key={v.path + v.rule}>{lang === 'zh' ? v.zh : v.en}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
        {props.children}
        <Space wrap className="part-actions">
          {props.extraActions}
          {anyEditable && (
            <Button type="primary" htmlType="submit" loading={saving} data-testid="save-part">
              {props.submitText ?? t('保存并继续', 'Save and continue')}
            </Button>
          )}
        </Space>
      </Form>
    </PartContext.Provider>
  );
}

/** Drops empty strings and unset values, so an optional field left blank is left out. */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) continue;
      out[k] = clean(typeof v === 'string' ? v.trim() : v);
    }
    return out as T;
  }
  return value;
}
