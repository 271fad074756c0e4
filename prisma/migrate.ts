import { loadEnv } from '../config/env.ts';
import { applyMigrations } from './migrations-runner.ts';

const env = loadEnv();
const applied = await applyMigrations(env.DATABASE_URL, (l) => console.log(l));
console.log(applied.length ? `${applied.length} migration(s) applied` : 'database schema is up to date');
