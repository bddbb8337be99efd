// How a job is named to its viewers: its phase while it runs, its outcome once it ended.
import { useTranslation } from 'react-i18next';
import { problemOf, type Job } from './api';

const count = (r: Job['result'], key: string) => (r && typeof r[key] === 'number' ? (r[key] as number) : 0);

export function useJobText() {
  const { t, i18n } = useTranslation();
  return {
    phase: (j: Job) => (j.state === 'queued' ? t('jobs.states.queued') : t(`jobs.phases.${j.phase || 'start'}`, { defaultValue: j.phase })),
    outcome: (j: Job) => {
      if (j.state === 'failed') return problemOf(j, i18n.language).title || t('jobs.states.failed');
      if (j.state === 'cancelled') return t('jobs.cancelledNote');
      if (j.kind === 'eligibility_review') return t('cycles.reviewed', { count: count(j.result, 'reviewed') });
      if (j.kind === 'evaluation') return t('scores.evaluated', { count: count(j.result, 'evaluated'), passed: count(j.result, 'passed') });
      if (j.kind === 'replay') return j.result?.identical === true ? t('replay.identical') : t('replay.different', { count: count(j.result, 'differences') });
      if (j.kind.endsWith('_import')) return j.result?.imported === true ? t('jobs.importedRows', { count: count(j.result, 'rows') }) : t('jobs.checkedRows', { count: count(j.result, 'rows') });
      if (j.file) return t('jobs.fileReady', { name: j.file.name, size: Math.max(1, Math.round(j.file.size / 1024)) });
      return t('jobs.states.succeeded');
    },
  };
}
