/** The validation schemas of the information form, one part per file. */
export * from './issues.ts';
export * from './fields.ts';
export * from './basic.ts';
export * from './education.ts';
export * from './qualification.ts';
export * from './work.ts';
export * from './student.ts';
export * from './district.ts';
export * from './form.ts';
export * from './transfer.ts';
