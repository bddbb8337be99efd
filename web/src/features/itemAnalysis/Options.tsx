// One question's option distribution, opened under its row: how many of all the candidates, of the
// upper 27 % and of the lower 27 % chose each option, as bars and as figures; the correct option and
// the flagged distractors are marked. On a phone it also gives the figures the row leaves out.
import { useMemo } from 'react';
import { Col, Flex, Row, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ItemStats, OptionShare } from './api';
import { flagColor, flagHint, flagLabel, flagOf, formatFigure, formatShare } from './analysis';
import { useChart } from './useChart';

const COLORS = { overall: '#1677ff', upper: '#52c41a', lower: '#fa8c16' };
const CORRECT = '#389e0d';

function Bars({ item }: { item: ItemStats }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const opts = item.options ?? [];
    const series = (key: 'overall' | 'upper' | 'lower') => ({
      type: 'bar',
      name: t(`itemAnalysis.options.${key}`),
      itemStyle: { color: COLORS[key] },
      barMaxWidth: 18,
      data: opts.map((o) => (key === 'overall' ? o.share : o[key]) ?? 0),
    });
    return {
      animation: false,
      grid: { left: 40, right: 8, top: 32, bottom: 24 },
      legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatShare(v) },
      xAxis: {
        type: 'category',
        data: opts.map((o) => o.key ?? ''),
        axisLabel: { formatter: (key: string) => (opts.find((o) => o.key === key)?.correct ? `{c|${key} ✓}` : key), rich: { c: { color: CORRECT, fontWeight: 'bold' } } },
      },
      yAxis: { type: 'value', min: 0, max: 1, interval: 0.25, axisLabel: { formatter: (v: number) => formatShare(v) } },
      series: [series('overall'), series('upper'), series('lower')],
    };
  }, [item, t]);
  const ref = useChart(option);
  return <div ref={ref} style={{ height: 180, width: '100%' }} role="img" aria-label={t('itemAnalysis.options.label', { code: item.code })} />;
}

export default function Options({ item, compact }: { item: ItemStats; compact: boolean }) {
  const { t } = useTranslation();
  const opts = item.options ?? [];
  // The distractor flags by the option they name.
  const marks = new Map<string, string[]>();
  for (const f of item.flags ?? []) {
    const o = flagOf(f);
    if (o.kind !== 'other' && o.option) marks.set(o.option, [...(marks.get(o.option) ?? []), f]);
  }
  const figures = compact && (
    <Flex wrap gap="4px 16px" style={{ marginBottom: 8 }} data-testid="item-figures">
      <span>
        <Typography.Text type="secondary">{t('itemAnalysis.table.n')}: </Typography.Text>
        {item.n ?? 0}
      </span>
      <span>
        <Typography.Text type="secondary">{t('itemAnalysis.table.upperLower')}: </Typography.Text>
        {formatFigure(item.upper_lower)}
      </span>
    </Flex>
  );
  if (!opts.length)
    return (
      <div data-testid="options">
        {figures}
        <Typography.Text type="secondary">{t('itemAnalysis.options.none')}</Typography.Text>
      </div>
    );
  return (
    <div data-testid="options">
      {figures}
      <Typography.Text strong>{t('itemAnalysis.options.title')}</Typography.Text>
      <Row gutter={[16, 8]} style={{ marginTop: 4 }}>
        <Col xs={24} md={11}>
          <Bars item={item} />
        </Col>
        <Col xs={24} md={13}>
          <Table<OptionShare>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={opts}
            data-testid="options-table"
            onRow={(o) => ({ 'data-testid': `option-${o.key}` }) as never}
            columns={[
              {
                title: t('itemAnalysis.options.option'),
                render: (_, o) => (
                  <Flex wrap gap={4} align="center">
                    <Typography.Text strong>{o.key}</Typography.Text>
                    {o.correct && (
                      <Tag color="success" icon={<CheckCircleFilled />} style={{ marginInlineEnd: 0 }} data-testid="option-correct">
                        {t('itemAnalysis.options.correct')}
                      </Tag>
                    )}
                    {(marks.get(o.key ?? '') ?? []).map((f) => (
                      <Tooltip key={f} title={flagHint(t, f)}>
                        <Tag color={flagColor(f)} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                          {flagLabel(t, f)}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Flex>
                ),
              },
              { title: t('itemAnalysis.options.overall'), align: 'right', render: (_, o) => formatShare(o.share) },
              { title: t('itemAnalysis.options.upper'), align: 'right', render: (_, o) => formatShare(o.upper) },
              { title: t('itemAnalysis.options.lower'), align: 'right', render: (_, o) => formatShare(o.lower) },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}
