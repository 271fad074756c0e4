import { Result } from 'antd';
import { useI18n } from '../lib/i18n.tsx';
import type { Role } from '../lib/session.ts';

/** Signed in, but these pages are another audience's. */
export function WrongAudience({ audience, signedInAs }: { audience: Role; signedInAs: Role }) {
  const { t, label } = useI18n();
  return (
    <Result
      status="warning"
      title={t('无权访问', 'Not allowed')}
      subTitle={t(
        `此页面供${label('roles', audience)}使用，您当前以${label('roles', signedInAs)}身份登录。`,
        `These pages are for the ${label('roles', audience)}; you are signed in as ${label('roles', signedInAs)}.`,
      )}
    />
  );
}
