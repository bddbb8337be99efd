// Watches the user's jobs from anywhere in the app: when one seen queued or running ends, a
// notification says how, and the pages showing its cycle are refreshed.
import { useEffect, useRef } from 'react';
import { notification } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isActive, useJobs, type Job } from './api';
import { useJobText } from './text';

export default function JobNotifier({ enabled }: { enabled: boolean }) {
  const jobs = useJobs(enabled);
  const qc = useQueryClient();
  const { t } = useTranslation();
  const text = useJobText();
  const seen = useRef(new Map<number, Job['state']>());
  useEffect(() => {
    for (const j of jobs.data?.items ?? []) {
      const before = seen.current.get(j.id);
      seen.current.set(j.id, j.state);
      if (!before || !(before === 'queued' || before === 'running') || isActive(j)) continue;
      const show = j.state === 'succeeded' ? notification.success : j.state === 'failed' ? notification.error : notification.info;
      show({ key: `job-${j.id}`, message: `${t(`jobs.kinds.${j.kind}`)} · ${t(`jobs.states.${j.state}`)}`, description: text.outcome(j), placement: 'bottomRight' });
      void qc.invalidateQueries({ queryKey: ['cycles'] });
      void qc.invalidateQueries({ queryKey: ['home'] });
    }
  }, [jobs.data, qc, t, text]);
  return null;
}
