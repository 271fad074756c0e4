/**
 * Creates the first administrator of a deployment, once: it refuses when an administrator exists
 * (later ones are created by an administrator through POST /admin/staff). Prints a one-time password;
 * the administrator sets their own at the first sign-in (POST /auth/password). Reads DATABASE_URL
 * like the API does; the creation is recorded in the account-change trail as made by this command.
 *
 *   npx tsx tools/create-admin.ts --username NAME --display-name "市财政局会计处 王管理员" [--phone 010-12345678]
 */
import { parseArgs } from 'node:util';
import { createDb } from '../clients/db.ts';
import { loadEnv } from '../config/env.ts';
import { createStaff } from '../api/staff/accounts.ts';

const usage = 'usage: npx tsx tools/create-admin.ts --username NAME --display-name NAME [--phone PHONE]';
const { values } = parseArgs({
  options: { username: { type: 'string' }, 'display-name': { type: 'string' }, phone: { type: 'string' } },
});
if (!values.username || !values['display-name']) {
  console.error(usage);
  process.exit(2);
}
if (!/^[A-Za-z0-9_.@-]{3,64}$/.test(values.username)) {
  console.error('The username has 3–64 letters, digits or _ . @ - / 用户名须为 3–64 个字母、数字或 _ . @ -');
  process.exit(2);
}

const env = loadEnv();
const db = createDb(env.DATABASE_URL);
try {
  const existing = await db.user.count({ where: { role: 'admin' } });
  if (existing > 0) {
    console.error(
      `An administrator exists already (${existing}); an administrator creates the others (POST /admin/staff). / 已有管理员账号，其他账号请由管理员创建。`,
    );
    process.exitCode = 1;
  } else {
    const { account, oneTimePassword } = await createStaff(db, env.PROVINCE_CODE, null, {
      username: values.username,
      role: 'admin',
      displayName: values['display-name'],
      phone: values.phone ?? null,
    });
    console.log(`Administrator ${account.username} created (${account.id}).
One-time password / 一次性密码: ${oneTimePassword}
It is shown only now. Sign in with it and set your own password (POST /auth/password); until then every other call is refused.`);
  }
} finally {
  await db.$disconnect();
}
