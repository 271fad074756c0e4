import { problem } from '../problem.ts';

/** A transferred-out record is kept read-only: nothing in it may change here any more. */
export function assertActive(person: { status: string; transferredTo: string | null }) {
  if (person.status !== 'active') {
    throw problem(
      'record-transferred-out',
      409,
      `This record has been transferred out (to ${person.transferredTo ?? 'another province'}) and is read-only here`,
      `该人员已调出（调往 ${person.transferredTo ?? '外省'}），本省信息只读，不能再变更`,
    );
  }
}

/**
 * Applicants without a collected record here have nothing to change. With `nextStep` (api/records/account.ts),
 * the problem names what the account can do instead: claim a record received here, collect, wait for a request.
 */
export function noRecord(nextStep?: { step: string }) {
  if (nextStep?.step === 'claim') {
    return problem(
      'no-active-record',
      409,
      'Your account has no record in this province yet; a record received here carries your ID number: claim it (POST /people/me/claim)',
      '您的账号在本省尚无会计人员信息；本省已接收了与您证件号码相同的调入信息，请凭证件号码和姓名认领',
      { nextStep },
    );
  }
  return problem(
    'no-active-record',
    409,
    'You have no collected record in this province to change; complete information collection first',
    '您在本省尚无已采集的会计人员信息，请先完成信息采集',
    nextStep ? { nextStep } : {},
  );
}
