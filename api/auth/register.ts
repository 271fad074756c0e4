import { hashPassword } from '../auth/users.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { checkPasswordRules } from './password.ts';

export async function register(deps: ApiDeps, body: { username: string; password: string; displayName: string }) {
  checkPasswordRules(body.password, body.username, 'password');
  try {
    const user = await deps.db.user.create({
      data: { username: body.username, passwordHash: await hashPassword(body.password), role: 'applicant', displayName: body.displayName },
    });
    return { id: user.id, username: user.username };
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') {
      throw problem('username-taken', 409, 'This username is already registered; choose another', '该用户名已被注册，请更换');
    }
    throw e;
  }
}
