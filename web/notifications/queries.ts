/** The signed-in account's messages (站内消息): its unread count polled, one marked read when opened. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../api-client/index.ts';
import { api, unwrap } from '../lib/api.ts';

export type Notification = components['schemas']['Notification'];

const KEY = ['notifications'] as const;

export function useNotifications() {
  return useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/notifications')), refetchInterval: 60_000 });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) =>
      unwrap(api.POST('/notifications/{notificationId}/read', { params: { path: { notificationId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
