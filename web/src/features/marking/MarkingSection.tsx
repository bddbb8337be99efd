// The marking of a cycle's written exam, for HR (in the written-exam section of the cycle page):
// one progress card per blueprint that has drawn papers.
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Blueprint } from '../examAdmin/api';
import MarkingProgress from './MarkingProgress';

export default function MarkingSection({ blueprints, level, editable }: { blueprints: Blueprint[]; level: (rank: number) => string; editable: boolean }) {
  const { t } = useTranslation();
  const drawn = blueprints.filter((b) => (b.papers ?? 0) > 0);
  if (!drawn.length) return null;
  return (
    <div data-testid="marking-section">
      <Typography.Title level={5}>{t('marking.sectionTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('marking.sectionHint')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {drawn.map((b) => (
          <MarkingProgress key={b.id} blueprint={b} level={level(b.target_rank)} editable={editable} />
        ))}
      </Space>
    </div>
  );
}
