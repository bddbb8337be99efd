// The item analysis (试题分析) of a sitting, for HR: how many submitted, how reliable the paper is
// (KR-20 or Cronbach's α, with the standard error of measurement), how many questions are flagged;
// the questions as dots of difficulty against discrimination; and the table of questions with their
// figures, flags and option distributions. Side by side on a wide screen; stacked on a phone, where
// the table keeps the main figures.
import { useMemo, useState } from 'react';
import { Button, Card, Checkbox, Col, Empty, Flex, Grid, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSitting } from '../examAdmin/api';
import { ErrorState, Loading } from '../ui';
import { statsWorkbookUrl, useSittingStats, type SittingStats } from './api';
import { compareCode, FLAG_COLORS, flagCounts, formatFigure, isFlagged, reliabilityOf } from './analysis';
import ItemTable from './ItemTable';
import Scatter from './Scatter';

function Label({ text, hint }: { text: string; hint: React.ReactNode }) {
  return (
    <Space size={4}>
      {text}
      <Tooltip title={hint}>
        <InfoCircleOutlined style={{ color: '#8c8c8c' }} aria-label={typeof hint === 'string' ? hint : undefined} />
      </Tooltip>
    </Space>
  );
}

// Candidates, reliability, SEM and the flagged questions, with the count of each kind of flag.
function Summary({ stats }: { stats: SittingStats }) {
  const { t } = useTranslation();
  const r = reliabilityOf(stats);
  const counts = flagCounts(stats.items ?? []);
  const kinds = ['too_hard', 'too_easy', 'weak_discrimination'] as const;
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} data-testid="candidates">
          <Statistic title={<Label text={t('itemAnalysis.candidates')} hint={t('itemAnalysis.candidatesHint')} />} value={stats.candidates ?? 0} />
        </Col>
        <Col xs={12} data-testid="flagged-count">
          <Statistic title={t('itemAnalysis.flagged')} value={t('itemAnalysis.flaggedOf', { flagged: counts.flagged, items: counts.items })} />
        </Col>
        <Col xs={12} data-testid="reliability">
          <Statistic
            title={<Label text={t(`itemAnalysis.reliability.${r.method}`)} hint={r.value === null ? `${t('itemAnalysis.reliabilityHint')} ${t('itemAnalysis.reliabilityNone')}` : t('itemAnalysis.reliabilityHint')} />}
            value={formatFigure(r.value)}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('itemAnalysis.reliabilityBasis', { items: r.items, candidates: r.candidates })}
          </Typography.Text>
        </Col>
        <Col xs={12} data-testid="sem">
          <Statistic
            title={<Label text={t('itemAnalysis.sem')} hint={t('itemAnalysis.semHint')} />}
            value={r.sem === null ? '—' : t('itemAnalysis.semValue', { value: formatFigure(r.sem) })}
          />
        </Col>
      </Row>
      <Flex wrap gap={8} style={{ marginTop: 16 }} data-testid="flag-counts">
        {kinds.map((k) => (
          <Tag key={k} color={counts[k] ? FLAG_COLORS[k] : 'default'} style={{ marginInlineEnd: 0 }} data-testid={`count-${k}`}>
            {t(`itemAnalysis.flags.${k}`)} <b>{counts[k]}</b>
          </Tag>
        ))}
        <Tag color={counts.distractors ? FLAG_COLORS.reversed_distractor : 'default'} style={{ marginInlineEnd: 0 }} data-testid="count-distractors">
          {t('itemAnalysis.distractorIssues')} <b>{counts.distractors}</b>
        </Tag>
      </Flex>
    </>
  );
}

export default function ItemAnalysis({ sittingId }: { sittingId: number }) {
  const { t, i18n } = useTranslation();
  const sitting = useSitting(sittingId);
  const stats = useSittingStats(sittingId);
  const wide = Grid.useBreakpoint().md ?? true;
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [scrollTo, setScrollTo] = useState<{ id: number } | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  const items = useMemo(() => [...(stats.data?.items ?? [])].sort(compareCode), [stats.data]);
  const rows = useMemo(() => (flaggedOnly ? items.filter(isFlagged) : items), [items, flaggedOnly]);

  if (sitting.isLoading || stats.isLoading) return <Loading />;
  if (sitting.error) return <ErrorState error={sitting.error} onRetry={() => void sitting.refetch()} />;
  if (stats.error) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = sitting.data!;
  const data = stats.data!;
  const empty = !data.candidates;

  // A click on a dot: the question's row, shown even when the filter hid it.
  const fromChart = (id: number) => {
    setSelected(id);
    if (flaggedOnly && !isFlagged(items.find((i) => i.question_id === id) ?? {})) setFlaggedOnly(false);
    setScrollTo({ id });
  };
  const actions = (
    <Space wrap size={8}>
      <Link to={`/sittings/${sittingId}/room`}>{t('itemAnalysis.room')}</Link>
      <Button icon={<DownloadOutlined />} href={statsWorkbookUrl(sittingId, i18n.language)} disabled={empty} data-testid="export-stats">
        {t('itemAnalysis.export')}
      </Button>
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="item-analysis">
      <Card
        title={
          <Space wrap size={8} style={{ whiteSpace: 'normal' }}>
            <Link to={`/cycles/${s.cycle_id}`}>{t('common.back')}</Link>
            <span>{t('itemAnalysis.title')}</span>
            <Typography.Text type="secondary" data-testid="analysis-title">
              {s.name}
            </Typography.Text>
          </Space>
        }
        extra={wide && actions}
      >
        {!wide && <div style={{ marginBottom: 16 }}>{actions}</div>}
        {empty ? (
          <Empty description={t('itemAnalysis.empty')} data-testid="analysis-empty">
            <Typography.Text type="secondary">{t('itemAnalysis.emptyHint')}</Typography.Text>
          </Empty>
        ) : (
          <Row gutter={[24, 24]}>
            <Col xs={24} lg={10}>
              <Summary stats={data} />
            </Col>
            <Col xs={24} lg={14}>
              <Typography.Text strong>{t('itemAnalysis.scatter.title')}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
                {t('itemAnalysis.scatter.hint')}
              </Typography.Paragraph>
              <Scatter items={items} selected={selected} onSelect={fromChart} height={wide ? 300 : 260} />
            </Col>
          </Row>
        )}
      </Card>
      {!empty && (
        <Card
          title={t('itemAnalysis.table.title')}
          extra={
            <Checkbox checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} data-testid="flagged-only">
              {t('itemAnalysis.table.flaggedOnly')}
            </Checkbox>
          }
          styles={{ body: { padding: wide ? undefined : 0 } }}
        >
          <ItemTable
            items={rows}
            compact={!wide}
            selected={selected}
            scrollTo={scrollTo}
            onSelect={setSelected}
            expanded={expanded}
            onExpand={setExpanded}
            emptyText={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('itemAnalysis.table.noneFlagged')} />}
          />
        </Card>
      )}
    </Space>
  );
}
