import { records } from './activities.ts';
import type { RequestInput, RequestStatus } from './messages.ts';
import { reviewedRecordChange } from './record-change.ts';

/**
 * District move (省内调转): the receiving district reviews; on approval the record's district
 * changes, with a history row, and the new version goes to the national platform.
 */
export async function districtMoveRequest(input: RequestInput): Promise<RequestStatus> {
  return reviewedRecordChange(input, records.moveDistrict);
}
