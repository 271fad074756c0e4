/** antd Card's tabs, fetched the first time a card with `tabList` renders (see onDemand in web/vite.config.ts). */
import type { TabsProps } from 'antd';
import { lazy, Suspense } from 'react';

const Tabs = lazy(() => import('antd/es/tabs'));

export default function CardTabs(props: TabsProps) {
  return (
    <Suspense fallback={null}>
      <Tabs {...props} />
    </Suspense>
  );
}
