import { createActivities } from '../activities/index.ts';
import { loadEnv, taskQueueOf } from '../config/env.ts';
import { buildServices } from '../config/runtime.ts';
import { createWorker } from './create.ts';
import { payloadCodecFromEnv } from '../clients/payload-codec.ts';
import { smtpChannel, type MessageChannel } from '../clients/mail.ts';
import { recordingSmsChannel } from '../clients/sms.ts';
import { startDelivery } from './deliver-notifications.ts';

const env = loadEnv();
const services = buildServices(env, 'worker');
await services.storage.ensureBucket();
const taskQueue = taskQueueOf(env);
const { worker, connection } = await createWorker({
  address: env.TEMPORAL_ADDRESS,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue,
  activities: createActivities({ ...services, provinceCode: env.PROVINCE_CODE, smsNotifications: env.SMS_CHANNEL !== 'off' }),
  payloadCodec: payloadCodecFromEnv(env),
});
const mail = smtpChannel({ host: env.SMTP_HOST, port: env.SMTP_PORT, from: env.MAIL_FROM });
// The outbox's deliveries, beside the workflows' tasks: email, and SMS when configured (clients/sms.ts: a province's
// gateway plugs in there; the stand-in records what it is given).
const sms: Record<string, MessageChannel> = env.SMS_CHANNEL === 'stand-in' ? { sms: recordingSmsChannel() } : {};
const delivery = startDelivery({
  db: services.db,
  log: services.log,
  personalData: services.personalData,
  channels: { email: mail, ...sms },
});
services.log.info({ taskQueue, namespace: env.TEMPORAL_NAMESPACE }, 'worker started');
// run() resolves once SIGTERM/SIGINT has drained the tasks in hand.
await worker.run();
await delivery.stop();
mail.close();
await connection.close();
await services.db.$disconnect();
services.log.info('worker stopped');
