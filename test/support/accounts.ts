import { randomBytes } from 'node:crypto';
import { upsertStaff } from '../../api/auth/users.ts';
import { answer, apiClient } from './client.ts';
import type { TestContext } from './context.ts';

const PASSWORD = 'test-password-2026';
const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

async function login(ctx: TestContext, username: string): Promise<{ token: string; userId: string; username: string; password: string }> {
  const res = await answer(apiClient(ctx.app).POST('/auth/login', { body: { username, password: PASSWORD } }));
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${JSON.stringify(res.data)}`);
  return { token: res.data.token, userId: res.data.user.id, username, password: PASSWORD };
}

export async function signInAdmin(ctx: TestContext) {
  const username = unique('admin');
  await upsertStaff(ctx.db, { username, password: PASSWORD, role: 'admin', displayName: 'Test administrator' });
  return login(ctx, username);
}

export async function signInReviewer(ctx: TestContext, districtCode: string) {
  const username = unique(`reviewer-${districtCode}`);
  await upsertStaff(ctx.db, { username, password: PASSWORD, role: 'reviewer', displayName: 'Test reviewer', districtCode });
  return login(ctx, username);
}

/** Registers an applicant through the API, as a person would. */
export async function signUpApplicant(ctx: TestContext) {
  const username = unique('applicant');
  const res = await answer(
    apiClient(ctx.app).POST('/auth/register', { body: { username, password: PASSWORD, displayName: '测试申请人' } }),
  );
  if (res.status !== 201) throw new Error(`registration failed: ${JSON.stringify(res.data)}`);
  return login(ctx, username);
}
