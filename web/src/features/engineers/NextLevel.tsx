import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import ApplyButton from '../cycles/Apply';
import { ErrorState } from '../ui';
import { useNextLevel } from './api';

// The next level's conditions as a checklist: what is met, and what is missing in words.
export default function NextLevel({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const next = useNextLevel(id);
  if (next.isLoading) return null;
  if (next.error) return <ErrorState error={next.error} />;
  const n = next.data!;
  if (!n.target) return <Card title={t('engineers.nextLevel')}>{t('engineers.topLevel')}</Card>;
  return (
    <Card
      data-testid="next-level"
      title={`${t('engineers.nextLevel')} · ${n.target.label[lang]}`}
      extra={
        <Space>
          <ApplyButton engineerId={id} rank={n.target.rank} eligible={!!n.eligible} />
          <Tag color={n.eligible ? 'green' : 'orange'}>{n.eligible ? t('engineers.eligible') : t('engineers.notYet')}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph>{n.summary?.[lang]}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {(n.paths ?? []).map((p, i) => (
          <Card key={i} size="small" type="inner" title={`${t('schemes.path', { n: i + 1 })}${p.met ? ' ✓' : ''}`}>
            {p.conditions.map((c, j) => (
              <div key={j} style={{ padding: '2px 0' }}>
                <Typography.Text type={c.met ? 'success' : 'danger'}>{c.met ? '✓' : '✗'}</Typography.Text> {c.explanation[lang]}
                {!c.met && <Typography.Text type="secondary"> — {c.gap[lang]}</Typography.Text>}
              </div>
            ))}
          </Card>
        ))}
      </Space>
    </Card>
  );
}
