// Starts a job from a button: says it started, puts it into the job list at once (so that the
// notifier sees it running even when it ends before the next poll) and refreshes ['jobs'], which
// starts the poll (a problem from the server shows as a message, as with any one-click action).
import { message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAction } from '../forms';
import type { Job } from './api';

type JobList = { items: Job[]; total: number };

export function useStartJob() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const act = useAction(['jobs']);
  return (start: () => Promise<Job>) =>
    act(async () => {
      const j = await start();
      qc.setQueryData<JobList>(['jobs'], (old) => ({ items: [j, ...(old?.items ?? []).filter((x) => x.id !== j.id)], total: (old?.total ?? 0) + (old?.items.some((x) => x.id === j.id) ? 0 : 1) }));
      void message.info(t('jobs.started', { kind: t(`jobs.kinds.${j.kind}`) }));
    });
}
