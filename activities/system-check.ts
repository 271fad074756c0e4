import type { ActivityDeps } from './deps.ts';

export function systemCheckActivities({ db, storage }: ActivityDeps) {
  return {
    async storeCheckObject(workflowId: string): Promise<string> {
      const key = `system-check/${workflowId}.txt`;
      await storage.put(key, new TextEncoder().encode(`system check ${workflowId}\n`), 'text/plain');
      return key;
    },
    async writeCheckRow(workflowId: string, objectKey: string): Promise<string> {
      const row = await db.systemCheck.upsert({
        where: { workflowId },
        create: { workflowId, objectKey },
        update: {},
      });
      return row.id;
    },
  };
}
