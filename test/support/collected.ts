import { signInReviewer, signUpApplicant } from './accounts.ts';
import { apiClient, reviewRequest, submitRequest } from './client.ts';
import type { TestContext } from './context.ts';
import { accountantForm, fillDraft, newPerson, waitForState } from './forms.ts';

/** A person collected through the API, as collection.test.ts drives it: draft, submit, district approval, completed. */
export async function collectedPerson(ctx: TestContext, districtCode = '110105') {
  const applicant = await signUpApplicant(ctx);
  const form = accountantForm(newPerson(districtCode));
  const collectionId = await fillDraft(ctx, applicant.token, form);
  const submitted = await submitRequest(apiClient(ctx.app, applicant.token), collectionId);
  if (submitted.status !== 200) throw new Error(`collection not submitted: ${JSON.stringify(submitted.data)}`);
  const reviewer = await signInReviewer(ctx, districtCode);
  const approved = await reviewRequest(apiClient(ctx.app, reviewer.token), collectionId, { outcome: 'approved' });
  if (approved.status !== 200) throw new Error(`collection not approved: ${JSON.stringify(approved.data)}`);
  await waitForState(ctx, collectionId, 'completed', 60_000);
  const person = await ctx.db.person.findUniqueOrThrow({ where: ctx.byArchiveNo(form.basic.idNumber) });
  return { applicant, form, person, archiveNo: form.basic.idNumber, collectionId };
}
