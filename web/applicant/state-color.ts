/** The colour of a state's tag: waiting blue, to act on orange, done green, closed grey or red. */
export function stateColor(state: string): string {
  switch (state) {
    case 'completed':
      return 'green';
    case 'returned':
      return 'orange';
    case 'refused':
    case 'expired':
      return 'red';
    case 'withdrawn':
    case 'draft':
      return 'default';
    default:
      return 'blue';
  }
}
