// The sitting's questions as dots: difficulty p across, discrimination r up, red when flagged, the
// thresholds as dashed lines. Hovering names the question; a click selects it (and its row).
import { useMemo } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemStats } from './api';
import { discriminationFloor, dotsOf, flagLabel, formatFigure, TOO_EASY, TOO_HARD, WEAK_DISCRIMINATION } from './analysis';
import { encodeHTML, useChart } from './useChart';

const FLAGGED = '#cf1322';
const CLEAR = '#1677ff';

type DotDatum = { id: number; name: string; value: [number, number] };

export default function Scatter({ items, selected, onSelect, height }: { items: ItemStats[]; selected: number | null; onSelect: (id: number) => void; height: number }) {
  const { t } = useTranslation();
  const { dots, unplaced } = useMemo(() => dotsOf(items), [items]);
  const option = useMemo(() => {
    const byId = new Map(items.map((i) => [i.question_id, i]));
    const names = { clear: t('itemAnalysis.scatter.clear'), flagged: t('itemAnalysis.scatter.flagged') };
    const series = (flagged: boolean) => ({
      type: 'scatter',
      name: flagged ? names.flagged : names.clear,
      symbolSize: 11,
      itemStyle: { color: flagged ? FLAGGED : CLEAR, opacity: 0.85 },
      emphasis: { scale: 1.4 },
      data: dots
        .filter((d) => d.flagged === flagged)
        .map((d) => ({
          id: d.id,
          name: d.code,
          value: [d.p, d.r],
          ...(d.id === selected ? { symbolSize: 18, itemStyle: { borderColor: '#141414', borderWidth: 2, opacity: 1 } } : {}),
        })),
    });
    const line = (name: string, at: { xAxis: number } | { yAxis: number }) => ({ name, ...at, label: { position: 'xAxis' in at ? 'end' : 'insideEndTop' } });
    return {
      animation: false,
      // Exactly these margins (the browser test finds a dot by them).
      grid: { left: 52, right: 20, top: 36, bottom: 48, outerBoundsMode: 'none' },
      legend: { top: 0, data: [names.clear, names.flagged] },
      tooltip: {
        trigger: 'item',
        className: 'scatter-tooltip',
        formatter: (p: { data?: DotDatum }) => {
          const d = p.data;
          if (!d?.name) return '';
          const flags = (byId.get(d.id)?.flags ?? []).map((f) => encodeHTML(flagLabel(t, f)));
          return [`<b>${encodeHTML(d.name)}</b>`, `p ${formatFigure(d.value[0])} · r ${formatFigure(d.value[1])}`, ...flags].join('<br/>');
        },
      },
      xAxis: { type: 'value', min: 0, max: 1, interval: 0.2, name: t('itemAnalysis.scatter.x'), nameLocation: 'middle', nameGap: 28, splitLine: { show: false } },
      yAxis: { type: 'value', min: discriminationFloor(dots), max: 1, name: t('itemAnalysis.scatter.y'), nameLocation: 'middle', nameGap: 36, splitLine: { show: false } },
      series: [
        series(false),
        series(true),
        {
          type: 'scatter',
          data: [],
          silent: true,
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#8c8c8c' },
            label: { formatter: '{b}', fontSize: 10, color: '#595959' },
            data: [line(`p ${formatFigure(TOO_HARD)}`, { xAxis: TOO_HARD }), line(`p ${formatFigure(TOO_EASY)}`, { xAxis: TOO_EASY }), line(`r ${formatFigure(WEAK_DISCRIMINATION)}`, { yAxis: WEAK_DISCRIMINATION })],
          },
        },
      ],
    };
  }, [dots, items, selected, t]);
  const ref = useChart(option, (p) => {
    const d = p.data as DotDatum | undefined;
    if (d?.id) onSelect(d.id);
  });
  return (
    <>
      <div ref={ref} style={{ height, width: '100%' }} role="img" aria-label={t('itemAnalysis.scatter.label')} data-testid="scatter" />
      {unplaced > 0 && (
        <Typography.Text type="secondary" data-testid="scatter-unplaced">
          {t('itemAnalysis.scatter.unplaced', { count: unplaced })}
        </Typography.Text>
      )}
    </>
  );
}
