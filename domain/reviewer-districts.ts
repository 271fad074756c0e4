/**
 * Which districts an actor reviews. Apart from domain/districts.ts, whose region lists the workflows do not need:
 * their bundle is evaluated again for every workflow a worker starts.
 */

/**
 * The districts an actor reviews: `districtCodes` as the API read them from the account for this call,
 * or the one `districtCode` of an actor recorded before reviewers could have several.
 */
export function districtsOfActor(actor: { role: string; districtCode?: string; districtCodes?: readonly string[] }): readonly string[] {
  if (actor.role !== 'reviewer') return [];
  return actor.districtCodes ?? (actor.districtCode ? [actor.districtCode] : []);
}

/** Whether the actor reviews the district. */
export const reviewsDistrict = (actor: Parameters<typeof districtsOfActor>[0], code: string | null | undefined): boolean =>
  !!code && districtsOfActor(actor).includes(code);
