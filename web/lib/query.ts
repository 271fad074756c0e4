import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from './problems.ts';

/** Server state: a refusal (4xx) is an answer, not a glitch, so only network errors and 5xx are retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, e) => count < 2 && (!(e instanceof ApiProblem) || e.status === 0 || e.status >= 500),
    },
    mutations: { retry: false },
  },
});
