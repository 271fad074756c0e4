/**
 * The base text style under every page (colour, size, line height, font), as antd's `<App>` sets it. antd's
 * `<App>` also mounts the message, notification and modal holders (some 17 KB gzipped before the first page
 * is interactive); no page uses `App.useApp()`, so only the text style stays here.
 */
import { theme } from 'antd';
import type { ReactNode } from 'react';

export function TextBase({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>
      {children}
    </div>
  );
}
