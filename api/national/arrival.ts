import type { Prisma } from '../../generated/prisma/client.ts';
import { checkMaterialBytes } from '../../domain/materials-bytes.ts';
import type { Transfer, TransferRequestedEvent } from '../../national/client.ts';
import type { ApiDeps } from '../deps.ts';
import { problems } from '../problem.ts';
import type { ArrivalSnapshot } from '../requests/arrival-snapshot.ts';

/**
 * What a transfer sent here brings for the receiving reviewer, kept with the request before it enters review:
 * the person's latest national record version (in the form, under `arrival`, numbers sealed) and the transfer
 * proof the origin uploaded with the transfer (checked again here, as any material: a JPEG under 50 KB whose
 * digest is the one the platform gave). Safe to repeat: the platform redelivers the event until it is answered.
 */
export async function keepArrival(deps: ApiDeps, requestId: string, e: TransferRequestedEvent, transfer: Transfer): Promise<void> {
  const request = await deps.db.request.findUniqueOrThrow({ where: { id: requestId }, select: { form: true } });
  if (!(request.form as { arrival?: unknown }).arrival) {
    const latest = await platform(() => deps.national.getRecord(e.archiveNo));
    if (latest) {
      const arrival: ArrivalSnapshot = {
        record: { ...(latest.record as unknown as ArrivalSnapshot['record']), archiveNo: e.archiveNo },
        version: latest.version,
        fetchedAt: new Date().toISOString(),
      };
      const basic = (latest.record as { basic?: { idType?: string; nationality?: string } }).basic;
      const form = {
        // The transfer as a transfer in applied for here would state it (TransferInPart).
        transfer: {
          fromProvince: e.fromProvince,
          idType: basic?.idType,
          idNumber: e.archiveNo,
          nationality: basic?.nationality,
          district: { code: e.toDistrict },
        },
        arrival,
      };
      await deps.db.request.update({
        where: { id: requestId },
        data: { form: deps.personalData.sealAt('', form) as unknown as Prisma.InputJsonValue },
      });
    }
  }
  for (const attachment of transfer.attachments) await keepAttachment(deps, requestId, transfer.transferId, attachment);
}

async function keepAttachment(deps: ApiDeps, requestId: string, transferId: string, a: Transfer['attachments'][number]) {
  const objectKey = `requests/${requestId}/${a.kind}/${a.sha256}.jpg`;
  if (await deps.db.requestMaterial.findUnique({ where: { objectKey }, select: { id: true } })) return;
  const bytes = await platform(() => deps.national.getTransferAttachment(transferId, a.attachmentId));
  const checked = await checkMaterialBytes(a.kind, bytes);
  if (!checked.ok || checked.sha256 !== a.sha256) {
    // Not kept: the reviewer sees the transfer without its proof, and refuses it for that.
    deps.log.warn(
      {
        requestId,
        transferId,
        attachmentId: a.attachmentId,
        rules: checked.violations.map((v) => v.rule),
        digestMatches: checked.sha256 === a.sha256,
      },
      'a transfer proof from the national platform failed its checks; not kept',
    );
    return;
  }
  await deps.storage.put(objectKey, bytes, 'image/jpeg', { 'x-amz-meta-sha256': checked.sha256 });
  await deps.db.requestMaterial.createMany({
    data: [
      {
        requestId,
        kind: a.kind,
        objectKey,
        sha256: checked.sha256,
        byteSize: checked.byteSize,
        width: checked.width,
        height: checked.height,
      },
    ],
    skipDuplicates: true,
  });
}

/** A platform that does not answer now is asked again when it redelivers the event. */
async function platform<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch {
    throw problems.unavailable('The national platform');
  }
}
