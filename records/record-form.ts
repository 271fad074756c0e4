import type { Db } from '../clients/db.ts';
import type { PersonalData } from '../clients/personal-data.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { recordAsForm, type RecordForm } from '../domain/change.ts';
import { loadPersonRecord } from './person-record.ts';

/** A person's current record in the collection form's shape (numbers opened); inside a transaction when given one. */
export async function loadRecordForm(db: Db | Prisma.TransactionClient, personalData: PersonalData, personId: string): Promise<RecordForm> {
  // loadPersonRecord reads one person with its modules: a transaction client serves it as well.
  const { record } = await loadPersonRecord(db as Db, personalData, personId);
  return recordAsForm(record);
}
