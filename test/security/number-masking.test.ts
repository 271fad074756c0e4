import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createNumberMasking } from '../../clients/number-masking.ts';
import { personalDataFromEnv } from '../../clients/personal-data.ts';
import { maskIdNumber, maskPhone } from '../../domain/identity.ts';

const key = () => randomBytes(32).toString('base64');
const keys = { DATA_KEYS: `k1:${key()},k2:${key()}`, DATA_KEY_ID: 'k2', LOOKUP_KEY: key() };
const personalData = personalDataFromEnv(keys);
const masking = createNumberMasking(keys);
afterAll(() => masking.close());

const ids = ['110105199003071239', '11010519900307123X', 'E12345678', '1234'];
const mobiles = ['13912345678', '+85291234567', '1234567', '12'];

describe("an export's numbers opened and masked on a worker thread", () => {
  it('masks as the list does, in order, with the keys it was given (an older key too)', async () => {
    const older = personalDataFromEnv({ ...keys, DATA_KEY_ID: 'k1' });
    const sealedIds = ids.map((id, i) => (i % 2 ? older : personalData).seal('idNumber', id));
    const sealedMobiles = mobiles.map((m) => personalData.seal('mobile', m));
    expect(await masking.mask(sealedIds, sealedMobiles)).toEqual({ ids: ids.map(maskIdNumber), mobiles: mobiles.map(maskPhone) });
    expect((await masking.mask(sealedIds, sealedMobiles)).ids[0]).toBe('110105********1239');
  });

  it("refuses what does not open (another field's value, another key), and goes on", async () => {
    const mobileAsId = personalData.seal('mobile', '13912345678');
    await expect(masking.mask([mobileAsId], [])).rejects.toThrow(/does not open/);
    const foreign = personalDataFromEnv({ DATA_KEYS: `k3:${key()}`, LOOKUP_KEY: key() }).seal('idNumber', ids[0]!);
    await expect(masking.mask([foreign], [])).rejects.toThrow(/no personal-data key/);
    expect(await masking.mask([personalData.seal('idNumber', ids[0]!)], [])).toEqual({ ids: [maskIdNumber(ids[0]!)], mobiles: [] });
  });

  it('refuses what is asked while it closes, and starts again when asked after', async () => {
    const sealed = [personalData.seal('idNumber', ids[0]!)];
    const refused = expect(masking.mask(sealed, [])).rejects.toThrow(/closed/);
    await masking.close();
    await refused;
    expect((await masking.mask(sealed, [])).ids).toEqual([maskIdNumber(ids[0]!)]);
  });
});
