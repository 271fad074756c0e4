import type { Client } from '@temporalio/client';
import type { Env } from '../config/env.ts';
import type { Db } from '../clients/db.ts';
import type { Logger } from '../clients/log.ts';
import type { Storage } from '../clients/storage.ts';
import type { NationalClient } from '../national/client.ts';
import type { Tokens } from './auth.ts';

export interface ApiDeps {
  env: Env;
  db: Db;
  storage: Storage;
  temporal: Client;
  log: Logger;
  tokens: Tokens;
  national: NationalClient;
  taskQueue: string;
}
