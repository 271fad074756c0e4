import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Registered on the Temporal server by infra/temporal.sh. Ids and codes only, never personal data.
export const RequestKindKey = defineSearchAttributeKey('RequestKind', SearchAttributeType.KEYWORD);
export const RequestStateKey = defineSearchAttributeKey('RequestState', SearchAttributeType.KEYWORD);
export const DistrictCodeKey = defineSearchAttributeKey('DistrictCode', SearchAttributeType.KEYWORD);
export const ProvinceCodeKey = defineSearchAttributeKey('ProvinceCode', SearchAttributeType.KEYWORD);
export const ReviewOverdueKey = defineSearchAttributeKey('ReviewOverdue', SearchAttributeType.BOOL);
