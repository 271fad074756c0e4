import { Button, Space, Typography } from 'antd';
import { requiredMaterials } from '../../../domain/materials.ts';
import { useI18n } from '../../lib/i18n.tsx';
import type { RequestDetail, ReturnReason } from '../form-api.ts';
import { requestsApi } from '../form-api.ts';
import { MaterialUpload } from '../materials/material-upload.tsx';
import { materialWhy } from '../materials/why.ts';

/** The materials this request needs (from the situation and the qualifications), each with its rule. */
export function MaterialsStep(props: {
  request: RequestDetail;
  returned?: ReturnReason[];
  locked: boolean;
  onUploaded: () => void;
  onNext: () => void;
}) {
  const { t, lang } = useI18n();
  const form = props.request.form ?? {};
  const kinds = requiredMaterials(
    { situation: form.situation ?? 'accountingWork', qualifications: Array.isArray(form.qualifications) ? form.qualifications : [] },
    props.request.kind,
  );
  const uploaded = new Map(props.request.materials.map((m) => [m.kind, m]));
  const returnedReason = (kind: string) => props.returned?.find((r) => r.path === `materials.${kind}` || r.path === 'materials')?.reason;
  return (
    <div data-testid="materials-step">
      <Typography.Paragraph>
        {t('请按要求逐项上传以下材料，每份材料上传后会立即检查。', 'Upload each material below; each is checked as it is uploaded.')}
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {kinds.map((k) => {
          const m = uploaded.get(k);
          const editable = !props.locked && (!props.returned || returnedReason(k) !== undefined);
          return (
            <MaterialUpload
              key={k}
              kind={k}
              why={materialWhy(k, lang)}
              currentHref={m ? requestsApi.materialHref(props.request.requestId, k) : undefined}
              currentVersion={m?.sha256}
              returnedReason={returnedReason(k)}
              disabled={!editable}
              upload={(bytes) => requestsApi.uploadMaterial(props.request.requestId, k, bytes)}
              onUploaded={props.onUploaded}
            />
          );
        })}
      </Space>
      <Space className="part-actions">
        <Button type="primary" onClick={props.onNext} data-testid="materials-next">
          {t('下一步', 'Next')}
        </Button>
      </Space>
    </div>
  );
}
