// The cycle report: pass rates by level, region and component, score distributions as ECharts
// histograms (echarts imported piece by piece, loaded with this page only), and the .xlsx export.
import { useEffect, useRef } from 'react';
import { Button, Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Schemas } from '../../api/client';
import { ErrorState, Loading } from '../ui';
import { exportResults, useCycleReport, type Cycle } from './api';
import { useStartJob } from '../jobs/useStartJob';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Report = Schemas['CycleReport'];
const BINS = ['0–10', '10–20', '20–30', '30–40', '40–50', '50–60', '60–70', '70–80', '80–90', '90–100'];

function Histogram({ bins, name }: { bins: number[]; name: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      grid: { left: 40, right: 10, top: 10, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: BINS, axisLabel: { rotate: 45, fontSize: 10 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name, data: bins, itemStyle: { color: '#1677ff' } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [bins, name]);
  return <div ref={el} style={{ height: 200, width: '100%' }} role="img" aria-label={name} />;
}

export default function CycleReport({ cycle }: { cycle: Cycle }) {
  const { t, i18n } = useTranslation();
  const startJob = useStartJob();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const report = useCycleReport(cycle.id);
  if (report.isLoading) return <Loading />;
  if (report.error) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data as Report;
  const rate = (x: Schemas['PassRate']) => (x.candidates ? `${((100 * x.passed) / x.candidates).toFixed(1)}%` : '—');
  const table = (title: string, rows: Schemas['PassRate'][], testid: string) => (
    <Col xs={24} lg={8}>
      <Typography.Text strong>{title}</Typography.Text>
      <Table
        scroll={{ x: 'max-content' }}
        data-testid={testid}
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('report.group'), render: (_, x) => x.label[lang] },
          { title: t('report.candidates'), dataIndex: 'candidates', align: 'right' },
          { title: t('report.passedCount'), dataIndex: 'passed', align: 'right' },
          { title: t('report.passRate'), render: (_, x) => rate(x), align: 'right' },
        ]}
      />
    </Col>
  );
  return (
    <Card
      title={t('report.title')}
      data-testid="cycle-report"
      extra={
        <Button onClick={() => void startJob(() => exportResults(cycle.id))} disabled={r.evaluated === 0} data-testid="export-results">
          {t('report.export')}
        </Button>
      }
    >
      {r.evaluated === 0 ? (
        <Empty description={t('report.empty')} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {(['applications', 'eligible', 'evaluated', 'passed', 'approved'] as const).map((k) => (
              <Col key={k} xs={12} md={4}>
                <Statistic title={t(`report.${k}`)} value={r[k]} />
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            {table(t('report.byLevel'), r.by_level, 'report-by-level')}
            {table(t('report.byOrg'), r.by_org, 'report-by-org')}
            {table(t('report.byComponent'), r.by_component, 'report-by-component')}
          </Row>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('report.distribution')}
          </Typography.Title>
          <Row gutter={16}>
            {r.distributions.map((d) => (
              <Col key={d.key} xs={24} md={12} lg={8}>
                <Typography.Text>
                  {d.label[lang]}
                  {d.absent > 0 && <Typography.Text type="secondary"> · {t('report.absent', { n: d.absent })}</Typography.Text>}
                </Typography.Text>
                <Histogram bins={d.bins} name={t('report.count')} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </Card>
  );
}
