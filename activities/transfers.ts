import { ApplicationFailure } from '@temporalio/activity';
import type { Prisma } from '../generated/prisma/client.ts';
import { recordChanges } from '../domain/change.ts';
import { loadRecordForm } from '../records/record-form.ts';
import { replaceWork } from './changes.ts';
import type { ActivityDeps } from './deps.ts';
import { importPersonRecord } from './person-import.ts';

interface TransferForm {
  /** `idNumber` is stored sealed (clients/personal-data.ts); the destination is not. */
  transfer?: { toProvince?: string; toDistrict?: string; fromProvince?: string; idNumber?: string };
  move?: { district?: { code: string; basis: string }; work?: Record<string, unknown> };
}

/** Transfers between provinces go through the national platform; between districts they stay here. */
export function transferActivities({ db, national, provinceCode, personalData, storage }: ActivityDeps) {
  const loadRequest = (id: string) => db.request.findUniqueOrThrow({ where: { id } });
  /** The plain archive number a request is about, for the national platform. */
  const archiveNoOf = (request: { archiveNoSealed: string | null }) => personalData.open('idNumber', request.archiveNoSealed!);

  return {
    /** Sends an approved transfer out to the platform, which relays it to the destination. */
    async startNationalTransfer(a: { requestId: string; idempotencyKey: string }): Promise<{ transferId: string }> {
      const request = await loadRequest(a.requestId);
      if (request.transferId) return { transferId: request.transferId };
      const form = request.form as TransferForm;
      // The transfer proof the district approved travels with the transfer, for the destination's reviewer.
      const proof = await db.requestMaterial.findFirst({ where: { requestId: request.id, kind: 'transferProof', replacedAt: null } });
      const transfer = await national.startTransfer({
        archiveNo: archiveNoOf(request),
        toProvince: request.counterpartProvince!,
        toDistrict: form.transfer?.toDistrict,
        originRequestId: request.id,
        attachments: proof
          ? [{ kind: 'transferProof', contentType: 'image/jpeg', sha256: proof.sha256, bytes: await storage.get(proof.objectKey) }]
          : [],
        idempotencyKey: a.idempotencyKey,
      });
      await db.request.update({ where: { id: request.id }, data: { transferId: transfer.transferId } });
      return { transferId: transfer.transferId };
    },

    /** The destination accepted: the person is transferred out and read-only here, with a history row. */
    async markTransferredOut(a: { requestId: string }): Promise<void> {
      const request = await loadRequest(a.requestId);
      await db.$transaction(async (tx) => {
        const person = await tx.person.findUniqueOrThrow({ where: { archiveNoHash: request.archiveNoHash! } });
        if (person.status === 'transferredOut') return;
        await tx.person.update({
          where: { id: person.id },
          data: { status: 'transferredOut', transferredTo: request.counterpartProvince, transferredAt: new Date() },
        });
        await tx.personHistory.create({
          data: {
            personId: person.id,
            requestId: request.id,
            field: 'status',
            oldValue: { status: 'active', province: provinceCode },
            newValue: { status: 'transferredOut', province: request.counterpartProvince },
          },
        });
      });
    },

    /** A transfer in applied for here: takes the record over from the origin and imports it. */
    async pullAndImport(a: { requestId: string; idempotencyKey: string }): Promise<{ personId: string }> {
      const request = await loadRequest(a.requestId);
      const pulled = await national.pullTransfer({
        archiveNo: archiveNoOf(request),
        fromProvince: request.counterpartProvince!,
        destinationRequestId: request.id,
        toDistrict: request.districtCode ?? undefined,
        idempotencyKey: a.idempotencyKey,
      });
      const personId = await db.$transaction(async (tx) => {
        const id = await importPersonRecord(tx, personalData, {
          record: pulled.record.record,
          versions: pulled.versions.map((v) => ({ version: v.version, province: v.province, kind: v.kind, createdAt: v.uploadedAt })),
          provinceCode,
          districtCode: request.districtCode!,
          requestId: request.id,
          fromProvince: request.counterpartProvince!,
          applicantId: request.applicantId,
        });
        await tx.request.update({ where: { id: request.id }, data: { transferId: pulled.transfer.transferId } });
        return id;
      });
      return { personId };
    },

    /** A transfer sent here by another province: the district's decision goes back through the platform. */
    async decideReceivedTransfer(a: {
      requestId: string;
      decision: 'accepted' | 'refused';
      idempotencyKey: string;
    }): Promise<{ personId?: string }> {
      const request = await db.request.findUniqueOrThrow({
        where: { id: a.requestId },
        include: { decisions: { orderBy: { round: 'desc' }, take: 1, include: { reasons: true } } },
      });
      if (a.decision === 'refused') {
        const reason = request.decisions[0]?.reasons.map((r) => r.reason).join('; ') || 'refused by the receiving district';
        await national.decideTransfer({ transferId: request.transferId!, decision: 'refused', reason, idempotencyKey: a.idempotencyKey });
        return {};
      }
      await national.decideTransfer({ transferId: request.transferId!, decision: 'accepted', idempotencyKey: a.idempotencyKey });
      const history = await national.getRecordVersions(archiveNoOf(request));
      if (!history?.versions.length)
        throw ApplicationFailure.nonRetryable('the national platform has no record for this transfer', 'record-missing');
      const latest = history.versions[history.versions.length - 1]!;
      const personId = await db.$transaction((tx) =>
        importPersonRecord(tx, personalData, {
          record: latest.record,
          versions: history.versions.map((v) => ({ version: v.version, province: v.province, kind: v.kind, createdAt: v.uploadedAt })),
          provinceCode,
          districtCode: request.districtCode!,
          requestId: request.id,
          fromProvince: request.counterpartProvince!,
        }),
      );
      return { personId };
    },

    /**
     * Within the province: the record's district changes, with a history row; a move that carries a new
     * work unit replaces the work module too (a history row per changed field, its workProof kept as the record's).
     */
    async moveDistrict(a: { requestId: string }): Promise<{ personId: string }> {
      const request = await db.request.findUniqueOrThrow({
        where: { id: a.requestId },
        include: { materials: { where: { replacedAt: null, kind: 'workProof' } }, decisions: { orderBy: { round: 'desc' }, take: 1 } },
      });
      const { district: move, work } = (request.form as TransferForm).move!;
      return db.$transaction(async (tx) => {
        const person = await tx.person.findUniqueOrThrow({ where: { archiveNoHash: request.archiveNoHash! } });
        const done = await tx.personHistory.findFirst({ where: { personId: person.id, requestId: request.id, field: 'district' } });
        if (done) return { personId: person.id };
        const actorId = request.decisions[0]?.reviewerId ?? null;
        const history: Prisma.PersonHistoryCreateManyInput[] = [];
        if (work) {
          const before = await loadRecordForm(tx, personalData, person.id);
          for (const c of recordChanges(before, { ...before, work })) {
            history.push({
              personId: person.id,
              requestId: request.id,
              actorId,
              field: c.field,
              oldValue: (personalData.sealAt(c.field, c.oldValue) ?? undefined) as Prisma.InputJsonValue | undefined,
              newValue: (personalData.sealAt(c.field, c.newValue) ?? undefined) as Prisma.InputJsonValue | undefined,
            });
          }
          await replaceWork(tx, person.id, { work });
          for (const m of request.materials) {
            const data = {
              objectKey: m.objectKey,
              sha256: m.sha256,
              byteSize: m.byteSize,
              width: m.width,
              height: m.height,
              requestId: request.id,
            };
            await tx.material.upsert({
              where: { personId_kind: { personId: person.id, kind: m.kind } },
              create: { personId: person.id, kind: m.kind, ...data },
              update: data,
            });
          }
        }
        await tx.person.update({ where: { id: person.id }, data: { districtCode: move!.code, districtBasis: move!.basis } });
        history.unshift({
          personId: person.id,
          requestId: request.id,
          actorId,
          field: 'district',
          oldValue: { code: person.districtCode, basis: person.districtBasis },
          newValue: { code: move!.code, basis: move!.basis },
        });
        await tx.personHistory.createMany({ data: history });
        return { personId: person.id };
      });
    },
  };
}
