import { hash } from '@node-rs/argon2';
import type { Db } from '../../clients/db.ts';

// argon2id (the library's default algorithm) with OWASP's minimum memory cost.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Creates or resets a staff account (administrators and district reviewers are not self-registered). */
export async function upsertStaff(
  db: Db,
  user: { username: string; password: string; role: 'reviewer' | 'admin'; displayName: string; districtCode?: string },
) {
  const { password, ...profile } = user;
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const saved = await tx.user.upsert({
      where: { username: user.username },
      create: { ...profile, passwordHash, districtCode: user.districtCode ?? null },
      update: { passwordHash, role: user.role, displayName: user.displayName, districtCode: user.districtCode ?? null },
    });
    // A reset password, role or district: whoever was signed in as this account signs in again.
    await tx.session.deleteMany({ where: { userId: saved.id } });
    return saved;
  });
}
