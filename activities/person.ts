import { ApplicationFailure } from '@temporalio/activity';
import { normalizeIdNumber } from '../domain/identity.ts';
import type { CollectionForm } from '../domain/schemas/index.ts';
import type { ActivityDeps } from './deps.ts';
import { archiveColumns } from '../records/person-columns.ts';
import { writeCollectedPeople } from '../records/collected-person.ts';

/** The official record (档案) of a person, written from an approved collection request. */
export function personActivities({ db, personalData }: ActivityDeps) {
  return {
    /**
     * Creates the person with every module, their materials and a history row per part, in one
     * transaction. Running it again for the same request finds the person it made and changes nothing.
     */
    async recordPerson({ requestId }: { requestId: string }): Promise<{ personId: string }> {
      return db.$transaction(async (tx) => {
        const request = await tx.request.findUniqueOrThrow({
          where: { id: requestId },
          include: { materials: { where: { replacedAt: null } }, decisions: { orderBy: { round: 'desc' }, take: 1 } },
        });
        const form = personalData.openAt('', request.form) as unknown as CollectionForm;
        const archive = archiveColumns(normalizeIdNumber(form.basic.idNumber), personalData);
        const existing = await tx.person.findUnique({ where: { archiveNoHash: archive.archiveNoHash }, select: { id: true } });
        if (existing) {
          const mine = await tx.personHistory.findFirst({ where: { personId: existing.id, requestId }, select: { id: true } });
          if (mine) return { personId: existing.id };
          throw ApplicationFailure.nonRetryable('This person was collected by another request meanwhile', 'already-collected');
        }
        const [personId] = await writeCollectedPeople(tx, personalData, [
          {
            form,
            provinceCode: request.provinceCode,
            applicantId: request.applicantId,
            requestId,
            actorId: request.decisions[0]?.reviewerId ?? null,
            materials: request.materials.map((m) => ({
              kind: m.kind,
              objectKey: m.objectKey,
              sha256: m.sha256,
              byteSize: m.byteSize,
              width: m.width,
              height: m.height,
              requestId,
            })),
          },
        ]);
        return { personId: personId! };
      });
    },
  };
}
