import { defineUpdate } from '@temporalio/workflow';

export const baselineSubmit = defineUpdate<string>('submit');
export const baselineReview = defineUpdate<string>('review');
