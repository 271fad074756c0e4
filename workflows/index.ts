// Every workflow the worker runs. Deterministic code only: no I/O, clocks or randomness but Temporal's.
export { collectionRequest } from './collection.ts';
export { transferOutRequest } from './transfer-out.ts';
export { transferInRequest, receivedTransferRequest } from './transfer-in.ts';
export { districtMoveRequest } from './district-move.ts';
export { changeRequest, contactChangeRequest } from './change.ts';
export { systemCheck } from './system-check.ts';
