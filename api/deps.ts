import type { Client } from '@temporalio/client';
import type { Env } from '../config/env.ts';
import type { Db } from '../clients/db.ts';
import type { Logger } from '../clients/log.ts';
import type { NumberMasking } from '../clients/number-masking.ts';
import type { PersonalData } from '../clients/personal-data.ts';
import type { Storage } from '../clients/storage.ts';
import type { NationalClient } from '../national/client.ts';
import type { Tokens } from './auth.ts';

export interface ApiDeps {
  env: Env;
  db: Db;
  storage: Storage;
  temporal: Client;
  log: Logger;
  /** Seals, opens and hashes ID and mobile numbers (personal data at rest). */
  personalData: PersonalData;
  /** Opens and masks an export's numbers on a worker thread; without it, the request's own thread does. */
  masking?: NumberMasking;
  tokens: Tokens;
  national: NationalClient;
  taskQueue: string;
}
