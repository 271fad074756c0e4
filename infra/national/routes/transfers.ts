/** Transfers between provinces (跨省调转): started at the origin, pulled by the destination, decided, read. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { NationalDb, NationalQueries } from '../db.ts';
import { commonProblems, fail, json, jsonBody, mask, problem } from '../http.ts';
import { type Idempotent, transferIdFor } from '../idempotency.ts';
import { checkedAttachments } from '../attachments.ts';
import {
  DecisionBody,
  IdempotencyHeaders,
  ProvinceCode,
  PullResultSchema,
  PullTransferBody,
  StartTransferBody,
  TransferSchema,
} from '../schemas.ts';
import { recordOut, transferEvent, transferOut, versionOut } from '../wire.ts';

export function transferRoutes(app: OpenAPIHono, { db, idempotent }: { db: NationalDb; idempotent: Idempotent }): void {
  /** Locks the record and checks it can leave `fromProvince` now. */
  async function lockTransferable(q: NationalQueries, archiveNo: string, fromProvince: string) {
    const archive = await q.lockArchive(archiveNo);
    if (!archive || archive.latestVersion === 0) {
      fail('record-not-found', `No record with archive number ${mask(archiveNo)}.`, `没有档案号为 ${mask(archiveNo)} 的记录。`);
    }
    if (archive.ownerProvince !== fromProvince) {
      fail(
        'record-owned-elsewhere',
        `Archive ${mask(archiveNo)} belongs to province ${archive.ownerProvince}, not to the origin ${fromProvince}.`,
        `档案 ${mask(archiveNo)} 属于省份 ${archive.ownerProvince}，而不是调出地 ${fromProvince}。`,
        { ownerProvince: archive.ownerProvince },
      );
    }
    const pending = await q.getPendingTransfer(archiveNo);
    if (pending) {
      fail(
        'transfer-pending',
        `Transfer ${pending.transferId} of archive ${mask(archiveNo)} (${pending.fromProvince} → ${pending.toProvince}) is still pending.`,
        `档案 ${mask(archiveNo)} 的调转 ${pending.transferId}（${pending.fromProvince} → ${pending.toProvince}）尚未完成。`,
        { transferId: pending.transferId },
      );
    }
    return archive;
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/transfers',
      tags: ['transfers'],
      summary: 'Start a transfer at the origin province (调出)',
      description:
        'The record must exist and belong to `fromProvince`, with no other transfer pending. Creates a pending transfer and ' +
        'sends `transfer.requested` to the destination, which answers with POST /v1/transfers/{transferId}/decision. ' +
        'The transfer proof travels with it (`attachments`, each a JPEG under 50 KB, base64, with its SHA-256); the ' +
        "destination reads the person's latest record with GET /v1/records/{archiveNo} and the proof with " +
        'GET /v1/transfers/{transferId}/attachments/{attachmentId}.',
      request: { headers: IdempotencyHeaders, body: jsonBody(StartTransferBody) },
      responses: {
        201: json(TransferSchema, 'Pending transfer'),
        404: problem('No such record'),
        409: problem('The record belongs to another province, or a transfer is already pending'),
        413: problem('An attachment is 50 KB or larger'),
        415: problem('An attachment is not a JPEG'),
        422: problem("Idempotency-Key reused for a different request, or an attachment's SHA-256 does not match its bytes"),
        ...commonProblems,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const transferId = transferIdFor(body.fromProvince, key);
      const attachments = checkedAttachments(transferId, body.attachments ?? []);
      const r = await idempotent(c, body.fromProvince, key, body, async (q) => {
        await lockTransferable(q, body.archiveNo, body.fromProvince);
        const t = await q.insertTransfer(
          {
            transferId,
            direction: 'push',
            archiveNo: body.archiveNo,
            fromProvince: body.fromProvince,
            toProvince: body.toProvince,
            toDistrict: body.toDistrict ?? null,
            originRequestId: body.originRequestId,
            destinationRequestId: null,
            status: 'pending',
          },
          attachments,
        );
        await q.enqueueEvent(transferEvent(t, 'transfer.requested'));
        return { status: 201, body: transferOut(t) };
      });
      return c.json(r.body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/transfer-pulls',
      tags: ['transfers'],
      summary: 'Take over a record at the destination province (调入)',
      description:
        'The applicant applied at the destination naming the origin. The record must belong to `fromProvince` with no transfer ' +
        'pending. Ownership moves to `toProvince` at once, the record and its history are returned for import, and the origin ' +
        'receives `transfer.pulled`.',
      request: { headers: IdempotencyHeaders, body: jsonBody(PullTransferBody) },
      responses: {
        201: json(PullResultSchema, 'Accepted transfer, with the record to import'),
        404: problem('No such record'),
        409: problem('The record does not belong to fromProvince, or a transfer is already pending'),
        422: problem('Idempotency-Key reused for a different request'),
        ...commonProblems,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const r = await idempotent(c, body.toProvince, key, body, async (q) => {
        const archive = await lockTransferable(q, body.archiveNo, body.fromProvince);
        const t = await q.insertTransfer({
          transferId: transferIdFor(body.toProvince, key),
          direction: 'pull',
          archiveNo: body.archiveNo,
          fromProvince: body.fromProvince,
          toProvince: body.toProvince,
          toDistrict: body.toDistrict ?? null,
          originRequestId: null,
          destinationRequestId: body.destinationRequestId,
          status: 'accepted',
        });
        await q.setOwner(body.archiveNo, body.toProvince);
        await q.enqueueEvent(transferEvent(t, 'transfer.pulled'));
        const versions = await q.listVersions(body.archiveNo);
        const latest = versions.find((v) => v.version === archive.latestVersion)!;
        return {
          status: 201,
          body: { transfer: transferOut(t), record: recordOut(body.toProvince, latest), versions: versions.map(versionOut) },
        };
      });
      return c.json(r.body, 201);
    },
  );

  const transferParam = z.object({
    transferId: z
      .string()
      .min(1)
      .max(64)
      .openapi({ param: { name: 'transferId', in: 'path' } }),
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/transfers/{transferId}/decision',
      tags: ['transfers'],
      summary: 'The destination accepts or refuses a pending transfer',
      description:
        'Accepted: ownership moves to the destination, which then fetches the record with GET /v1/records/{archiveNo}. ' +
        'Either way the origin receives `transfer.decided` (with the reason when refused).',
      request: { params: transferParam, headers: IdempotencyHeaders, body: jsonBody(DecisionBody) },
      responses: {
        200: json(TransferSchema, 'Decided transfer'),
        403: problem('byProvince is not the destination'),
        404: problem('No such transfer'),
        409: problem('Already decided'),
        422: problem('Idempotency-Key reused for a different request'),
        ...commonProblems,
      },
    }),
    async (c) => {
      const { transferId } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const r = await idempotent(c, body.byProvince, key, body, async (q) => {
        const t = await q.getTransfer(transferId, { forUpdate: true });
        if (!t) fail('transfer-not-found', `No transfer ${transferId}.`, `调转 ${transferId} 不存在。`);
        if (t.toProvince !== body.byProvince) {
          fail(
            'not-transfer-destination',
            `Transfer ${transferId} goes to ${t.toProvince}; ${body.byProvince} cannot decide it.`,
            `调转 ${transferId} 的调入地是 ${t.toProvince}；${body.byProvince} 无权决定。`,
          );
        }
        if (t.status !== 'pending') {
          fail('transfer-already-decided', `Transfer ${transferId} is already ${t.status}.`, `调转 ${transferId} 已是“${t.status}”状态。`, {
            transferStatus: t.status,
          });
        }
        if (body.decision === 'accepted') {
          const archive = await q.lockArchive(t.archiveNo);
          if (!archive || archive.ownerProvince !== t.fromProvince) {
            fail(
              'record-owned-elsewhere',
              `Archive ${mask(t.archiveNo)} no longer belongs to the origin ${t.fromProvince}.`,
              `档案 ${mask(t.archiveNo)} 已不属于调出地 ${t.fromProvince}。`,
            );
          }
          await q.setOwner(t.archiveNo, t.toProvince);
        }
        const decided = await q.decideTransfer(transferId, body.decision, body.decision === 'refused' ? (body.reason ?? null) : null);
        await q.enqueueEvent(transferEvent(decided, 'transfer.decided'));
        return { status: 200, body: transferOut(decided) };
      });
      return c.json(r.body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/transfers/{transferId}',
      tags: ['transfers'],
      summary: 'A transfer and its status',
      request: { params: transferParam },
      responses: { 200: json(TransferSchema, 'The transfer'), 404: problem('No such transfer'), ...commonProblems },
    }),
    async (c) => {
      const { transferId } = c.req.valid('param');
      const t = await db.getTransfer(transferId);
      if (!t) fail('transfer-not-found', `No transfer ${transferId}.`, `调转 ${transferId} 不存在。`);
      return c.json(transferOut(t), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/transfers/{transferId}/attachments/{attachmentId}',
      tags: ['transfers'],
      summary: 'The bytes of a document sent with a transfer (the transfer proof)',
      description:
        'Only the two provinces of the transfer may read it, naming themselves in `X-Province`. The answer is the JPEG as ' +
        'uploaded, with its SHA-256 in `ETag` and `Digest`; the reader checks it again before keeping it.',
      request: {
        params: transferParam.extend({
          attachmentId: z
            .string()
            .min(1)
            .max(128)
            .openapi({ param: { name: 'attachmentId', in: 'path' } }),
        }),
        headers: z.object({ 'x-province': ProvinceCode.openapi({ description: 'the province reading it' }) }),
      },
      responses: {
        200: { description: 'The JPEG bytes', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } },
        403: problem('X-Province is neither the origin nor the destination of the transfer'),
        404: problem('No such transfer or attachment'),
        ...commonProblems,
      },
    }),
    async (c) => {
      const { transferId, attachmentId } = c.req.valid('param');
      const reader = c.req.valid('header')['x-province'];
      const t = await db.getTransfer(transferId);
      if (!t) fail('transfer-not-found', `No transfer ${transferId}.`, `调转 ${transferId} 不存在。`);
      if (reader !== t.fromProvince && reader !== t.toProvince) {
        fail(
          'not-transfer-party',
          `Province ${reader} is not a party to transfer ${transferId}.`,
          `省份 ${reader} 不是调转 ${transferId} 的调出地或调入地。`,
        );
      }
      const meta = t.attachments.find((a) => a.attachmentId === attachmentId);
      const bytes = meta ? await db.getAttachment(transferId, attachmentId) : null;
      if (!meta || !bytes)
        fail('not-found', `Transfer ${transferId} has no attachment ${attachmentId}.`, `调转 ${transferId} 没有附件 ${attachmentId}。`);
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': meta.contentType,
        ETag: `"${meta.sha256}"`,
        'Cache-Control': 'private, no-store',
      });
    },
  );
}
