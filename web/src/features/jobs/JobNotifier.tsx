// Watches the user's jobs from anywhere in the app: when one seen queued or running ends, a
// notification says how, and the pages showing its cycle are refreshed.
import { useEffect, useRef } from 'react';
import { Button, notification } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isActive, shownHere, useJobs, type Job } from './api';
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
      if (!before || !(before === 'queued' || before === 'running') || isActive(j) || shownHere.has(j.id)) continue;
      const show = j.state === 'succeeded' ? notification.success : j.state === 'failed' ? notification.error : notification.info;
      // A finished export is offered for download (a plain link: the browser saves the file).
      const btn = j.state === 'succeeded' && j.file && (
        <Button type="primary" size="small" href={`/api/v1/jobs/${j.id}/file`} data-testid="job-download">
          {t('jobs.download')}
        </Button>
      );
      show({ key: `job-${j.id}`, message: `${t(`jobs.kinds.${j.kind}`)} · ${t(`jobs.states.${j.state}`)}`, description: text.outcome(j), btn, duration: j.file ? 0 : 6, placement: 'bottomRight' });
      void qc.invalidateQueries({ queryKey: ['cycles'] });
      void qc.invalidateQueries({ queryKey: ['home'] });
    }
  }, [jobs.data, qc, t, text]);
  return null;
}
