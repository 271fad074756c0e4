/** Person records by archive number (档案): uploads by the owning province, the latest version, the history. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { NationalDb } from '../db.ts';
import { commonProblems, fail, json, jsonBody, mask, problem, provinceParam } from '../http.ts';
import type { Idempotent } from '../idempotency.ts';
import { ArchiveNo, IdempotencyHeaders, RecordHistorySchema, RecordSchema, UploadRecordBody, UploadResultSchema } from '../schemas.ts';
import { recordOut, versionOut } from '../wire.ts';

export function recordRoutes(app: OpenAPIHono, { db, idempotent }: { db: NationalDb; idempotent: Idempotent }): void {
  const archiveParam = ArchiveNo.openapi({ param: { name: 'archiveNo', in: 'path' } });

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/provinces/{province}/records/{archiveNo}',
      tags: ['records'],
      summary: "Upload a person's full record",
      description:
        'Stores a new version when the record differs from the latest one (201), otherwise keeps the latest (200, `created: false`). ' +
        'Only the owning province may upload; ownership changes only by completing a transfer.',
      request: {
        params: z.object({ province: provinceParam.shape.province, archiveNo: archiveParam }),
        headers: IdempotencyHeaders,
        body: jsonBody(UploadRecordBody),
      },
      responses: {
        201: json(UploadResultSchema, 'New version stored'),
        200: json(UploadResultSchema, 'Same as the latest version; nothing stored'),
        409: problem('The record belongs to another province'),
        422: problem('Idempotency-Key reused for a different request'),
        ...commonProblems,
      },
    }),
    async (c) => {
      const { province, archiveNo } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const r = await idempotent(c, province, key, body, async (q) => {
        const archive = await q.lockOrCreateArchive(archiveNo, province);
        if (archive.ownerProvince !== province) {
          fail(
            'record-owned-elsewhere',
            `Archive ${mask(archiveNo)} belongs to province ${archive.ownerProvince}; ${province} may upload it only after a completed transfer.`,
            `档案 ${mask(archiveNo)} 属于省份 ${archive.ownerProvince}；${province} 须在调转完成后才能上传。`,
            { ownerProvince: archive.ownerProvince },
          );
        }
        if (archive.latestVersion > 0 && (await q.sameRecord(archiveNo, archive.latestVersion, body.record))) {
          return { status: 200, body: { archiveNo, province, version: archive.latestVersion, created: false } };
        }
        const v = await q.insertVersion({
          archiveNo,
          version: archive.latestVersion + 1,
          province,
          kind: body.kind,
          requestId: body.requestId,
          record: body.record,
        });
        return { status: 201, body: { archiveNo, province, version: v.version, created: true } };
      });
      return r.status === 201 ? c.json(r.body, 201) : c.json(r.body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/records/{archiveNo}',
      tags: ['records'],
      summary: 'The latest version of a record, and its owning province',
      request: { params: z.object({ archiveNo: archiveParam }) },
      responses: { 200: json(RecordSchema, 'Latest version'), 404: problem('No such record'), ...commonProblems },
    }),
    async (c) => {
      const { archiveNo } = c.req.valid('param');
      const archive = await db.getArchive(archiveNo);
      const latest = archive && (await db.getVersion(archiveNo, archive.latestVersion));
      if (!archive || !latest)
        fail('record-not-found', `No record with archive number ${mask(archiveNo)}.`, `没有档案号为 ${mask(archiveNo)} 的记录。`);
      return c.json(recordOut(archive.ownerProvince, latest), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/records/{archiveNo}/versions',
      tags: ['records'],
      summary: 'Every version of a record, oldest first',
      request: { params: z.object({ archiveNo: archiveParam }) },
      responses: { 200: json(RecordHistorySchema, 'Version history'), 404: problem('No such record'), ...commonProblems },
    }),
    async (c) => {
      const { archiveNo } = c.req.valid('param');
      const archive = await db.getArchive(archiveNo);
      if (!archive)
        fail('record-not-found', `No record with archive number ${mask(archiveNo)}.`, `没有档案号为 ${mask(archiveNo)} 的记录。`);
      const versions = await db.listVersions(archiveNo);
      return c.json({ archiveNo, province: archive.ownerProvince, versions: versions.map(versionOut) }, 200);
    },
  );
}
