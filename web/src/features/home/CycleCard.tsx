// One cycle in progress on the home page: its phase and dates, and what waits in it for the viewer's roles.
import { Card, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';

type CycleWork = Schemas['Home']['cycles'][number];

export default function CycleCard({ w, show }: { w: CycleWork; show: { hr: boolean; examiner: boolean; committee: boolean } }) {
  const { t } = useTranslation();
  const apps = w.applications ?? {};
  const total = Object.values(apps).reduce((n, x) => n + x, 0);
  const facts: { key: string; label: string; value: number; warn?: boolean }[] = [];
  if (show.hr) {
    facts.push({ key: 'applications', label: t('home.applications'), value: total });
    if (w.status === 'eligibility_review') facts.push({ key: 'review', label: t('home.toReview'), value: apps.submitted ?? 0, warn: (apps.submitted ?? 0) > 0 });
    if (w.open_appeals) facts.push({ key: 'appeals', label: t('home.openAppeals'), value: w.open_appeals, warn: true });
    if (w.undecided) facts.push({ key: 'undecided', label: t('home.undecided'), value: w.undecided, warn: true });
  }
  if (show.hr || show.examiner)
    for (const [kind, n] of Object.entries(w.scores_left ?? {})) facts.push({ key: `left-${kind}`, label: t('home.scoresLeft', { component: t(`components.${kind}`) }), value: n, warn: n > 0 });
  if (show.committee && w.status === 'committee_review') facts.push({ key: 'votes', label: t('home.votesLeft'), value: w.awaiting_my_vote, warn: w.awaiting_my_vote > 0 });
  return (
    <Card
      size="small"
      data-testid={`home-cycle-${w.id}`}
      title={
        <Space wrap>
          <Link to={`/cycles/${w.id}`}>{w.name}</Link>
          <Tag color="blue">{t(`cycles.statuses.${w.status}`)}</Tag>
          {w.overdue && <Tag color="red">{t('cycles.overdue')}</Tag>}
        </Space>
      }
    >
      {w.phase && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('home.phaseDates', { from: w.phase.starts_on, to: w.phase.ends_on })}
          {w.status === 'public_notice' && w.notice_ends_on ? ` · ${t('notice.until', { day: w.notice_ends_on })}` : ''}
        </Typography.Paragraph>
      )}
      <Space wrap size="large">
        {facts.map((f) => (
          <Statistic key={f.key} title={f.label} value={f.value} valueStyle={f.warn ? { color: '#d46b08' } : undefined} />
        ))}
      </Space>
    </Card>
  );
}
