// One ECharts instance on a div for the life of the component: the option replaced when it changes,
// resized with its box (a row that expands, a phone turned), clicks handed to the latest callback.
// echarts is imported piece by piece and loaded with this page only.
//
//   const ref = useChart(option, (p) => select(p.data.id));
//   return <div ref={ref} style={{ height: 300 }} />;
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export const encodeHTML = echarts.format.encodeHTML;

export function useChart(option: echarts.EChartsCoreOption, onClick?: (params: echarts.ECElementEvent) => void) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  });

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.on('click', (p) => click.current?.(p as echarts.ECElementEvent));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return el;
}
