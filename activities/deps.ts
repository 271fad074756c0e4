import type { Db } from '../clients/db.ts';
import type { Logger } from '../clients/log.ts';
import type { PersonalData } from '../clients/personal-data.ts';
import type { Storage } from '../clients/storage.ts';
import type { NationalClient } from '../national/client.ts';

/** What activities are built from; tests pass real services, each with its own database and key prefix. */
export interface ActivityDeps {
  db: Db;
  storage: Storage;
  national: NationalClient;
  log: Logger;
  /** Seals, opens and hashes ID and mobile numbers (personal data at rest). */
  personalData: PersonalData;
  provinceCode: string;
  /** Whether notifications go by SMS too (SMS_CHANNEL not `off`): the outbox then holds SMS deliveries to sealed mobiles. */
  smsNotifications?: boolean;
}
