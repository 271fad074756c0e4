// Every workflow the worker runs. Deterministic code only: no I/O, clocks or randomness but Temporal's.
// Each request's workflow is steerable: a withdrawal ends it wherever it waits, with the closed status.
import { changeRequest as change, contactChangeRequest as contactChange } from './change.ts';
import { collectionRequest as collection } from './collection.ts';
import { districtMoveRequest as districtMove } from './district-move.ts';
import { steerable } from './request-lifecycle.ts';
import { transferInRequest as transferIn, receivedTransferRequest as receivedTransfer } from './transfer-in.ts';
import { transferOutRequest as transferOut } from './transfer-out.ts';

export const collectionRequest = steerable(collection);
export const transferOutRequest = steerable(transferOut);
export const transferInRequest = steerable(transferIn);
export const receivedTransferRequest = steerable(receivedTransfer);
export const districtMoveRequest = steerable(districtMove);
export const changeRequest = steerable(change);
export const contactChangeRequest = steerable(contactChange);
export { systemCheck } from './system-check.ts';
export { moduleSync } from './module-sync.ts';
