/** The request's materials as images: read with the access reason, shown from blob URLs, zoomable. */
import { Card, Empty, Image, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { type MaterialView, materialBlob } from './review-api.ts';
import { type ReturnControls, ReturnToggle } from './return-toggle.tsx';

/** A material's blob URL, released when the image leaves the page. */
function useBlobUrl(href: string) {
  const [state, setState] = useState<{ url?: string; failed?: boolean }>({});
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    materialBlob(href).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        if (live) setState({ url });
        else URL.revokeObjectURL(url);
      },
      () => live && setState({ failed: true }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [href]);
  return state;
}

function Material({ material, controls }: { material: MaterialView; controls: ReturnControls }) {
  const { t, label } = useI18n();
  const image = useBlobUrl(material.href);
  const path = `materials.${material.kind}`;
  return (
    <Card size="small" title={label('materialKinds', material.kind)} style={{ width: 280 }} data-testid={`material-${material.kind}`}>
      <div style={{ minHeight: 160, display: 'flex', justifyContent: 'center', alignItems: 'center' }}>
        {image.url ? (
          <Image src={image.url} alt={label('materialKinds', material.kind)} style={{ maxHeight: 200, maxWidth: 240 }} />
        ) : image.failed ? (
          <Typography.Text type="danger">{t('材料无法读取', 'The material cannot be read')}</Typography.Text>
        ) : (
          <Spin />
        )}
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
        {material.width}×{material.height} px · {(material.byteSize / 1024).toFixed(1)} KB
      </Typography.Paragraph>
      <div data-testid={`field-${path}`}>
        <ReturnToggle path={path} target="material" controls={controls} />
      </div>
    </Card>
  );
}

export function MaterialImages({ materials, controls }: { materials: MaterialView[]; controls: ReturnControls }) {
  const { t } = useI18n();
  if (materials.length === 0) return <Empty description={t('没有上传材料', 'No materials uploaded')} />;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
        {materials.map((m) => (
          <Material key={m.kind} material={m} controls={controls} />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}
