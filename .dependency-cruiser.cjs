/** Import rules of the project, checked by `npx depcruise` in infra/test.sh. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module never reaches itself through its imports: each layer depends on the ones below it only.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'api-not-activities',
      severity: 'error',
      comment: 'The API takes row mappers from records/, never from the worker’s activities.',
      from: { path: '^api/' },
      to: { path: '^activities/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)generated/|^web/dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
