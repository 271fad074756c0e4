import { loadEnv } from '../config/env.ts';
import { createDb } from '../clients/db.ts';
import { upsertStaff } from '../api/auth/users.ts';
import { districtsOf } from '../domain/districts.ts';

/**
 * Demo accounts: one administrator and one reviewer per district of the configured province, all with
 * one known password. Never in production unless SEED_DEMO_ACCOUNTS=yes asks for them: a deployment's
 * first administrator is created by tools/create-admin.ts.
 */
const env = loadEnv();
if (env.NODE_ENV === 'production' && process.env.SEED_DEMO_ACCOUNTS !== 'yes') {
  console.log(
    'NODE_ENV=production: no demo accounts written (SEED_DEMO_ACCOUNTS=yes would). Create the first administrator with tools/create-admin.ts.',
  );
  process.exit(0);
}
const db = createDb(env.DATABASE_URL);
const password = process.env.SEED_PASSWORD ?? 'demo-password-2026';
await upsertStaff(db, { username: 'admin', password, role: 'admin', displayName: '市财政局会计处管理员' });
const districts = districtsOf(env.PROVINCE_CODE);
for (const d of districts) {
  await upsertStaff(db, {
    username: `reviewer-${d.code}`,
    password,
    role: 'reviewer',
    displayName: `${d.zh}财政局审核人员`,
    districtCode: d.code,
  });
}
await db.$disconnect();
console.log(`Demo accounts (password: ${password}):
  administrator: admin
  reviewers:     reviewer-<district code>, e.g. ${districtsOf(env.PROVINCE_CODE)
    .slice(0, 3)
    .map((d) => `reviewer-${d.code} (${d.zh})`)
    .join(', ')}
Sign in: curl -s -X POST localhost:${env.API_PORT}/auth/login -H 'content-type: application/json' -d '{"username":"admin","password":"${password}"}'`);
