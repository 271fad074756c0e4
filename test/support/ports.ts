export { freePort, waitUntil as waitFor } from '../../tools/lib/net.ts';
