/** antd Typography's in-place editor, fetched the first time a text is edited (see onDemand in web/vite.config.ts). */
import { type ComponentProps, lazy, Suspense } from 'react';

const Editable = lazy(() => import('antd/es/typography/Editable'));

export default function TypographyEditable(props: ComponentProps<typeof Editable>) {
  return (
    <Suspense fallback={null}>
      <Editable {...props} />
    </Suspense>
  );
}
