/** Who is signed in, from the session cookie (`GET /auth/session`); signing in and out of the web pages. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './api.ts';
import { ApiProblem } from './problems.ts';

export type Role = 'applicant' | 'reviewer' | 'admin' | 'employer';
export interface SessionUser {
  id: string;
  role: Role;
  districtCode: string | null;
  /** Signed in with a one-time password: the account sets its own before anything else. */
  mustChangePassword: boolean;
}

export const SESSION_KEY = ['session'] as const;

async function currentUser(): Promise<SessionUser | null> {
  try {
    return (await unwrap(api.GET('/auth/session'))).user;
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 401) return null;
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: currentUser, staleTime: 60_000 });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string }) => (await unwrap(api.POST('/auth/web-session', { body }))).user,
    onSuccess: (user) => {
      qc.clear();
      qc.setQueryData(SESSION_KEY, user);
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await unwrap(api.POST('/auth/sign-out'));
    },
    onSettled: () => {
      qc.clear();
      qc.setQueryData(SESSION_KEY, null);
    },
  });
}

/** Where a signed-in person goes first: setting their own password when they hold a one-time one. */
export const passwordPageFor = (next: string) => `/password?next=${encodeURIComponent(next)}`;

/** The home page of each audience. */
export const homeOf = (role: Role) =>
  role === 'applicant' ? '/applicant' : role === 'reviewer' ? '/review' : role === 'employer' ? '/unit' : '/console';
