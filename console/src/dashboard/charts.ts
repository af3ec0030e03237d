import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws: the whole of ECharts would triple this chunk.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export interface Bar {
  readonly name: string;
  readonly value: number;
  /** How the table beside the chart shows the value, when not as the number itself. */
  readonly display?: string;
}

const FONT = '"Noto Sans SC", "Microsoft YaHei", sans-serif';
const COLOURS = ['#1f5aa6', '#c0392b', '#d4a017', '#2e8b57', '#7b4ea3', '#e67e22', '#16a085', '#7f8c8d'];

/** Draws (or redraws) a chart into `element`; returns a function that disposes of it. */
export const drawChart = (
  element: HTMLElement,
  kind: 'bar' | 'pie',
  bars: readonly Bar[],
  options: { unit?: string; horizontal?: boolean } = {},
) => {
  const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, undefined, { renderer: 'canvas' });
  const tooltip = {
    trigger: kind === 'pie' ? 'item' : 'axis',
    valueFormatter: (v: unknown) => `${v}${options.unit ?? ''}`,
  };
  const common = {
    animation: false,
    color: COLOURS,
    textStyle: { fontFamily: FONT },
    aria: { enabled: true },
    tooltip,
  };
  if (kind === 'pie') {
    chart.setOption(
      {
        ...common,
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            data: bars.map((b) => ({ name: b.name, value: b.value })),
            label: { formatter: '{b}\n{d}%' },
          },
        ],
      },
      true,
    );
  } else {
    const names = bars.map((b) => b.name);
    const category = { type: 'category', data: names, axisLabel: { interval: 0, width: 96, overflow: 'truncate' } };
    const value = { type: 'value', minInterval: 1 };
    chart.setOption(
      {
        ...common,
        grid: { left: options.horizontal ? 120 : 48, right: 24, top: 16, bottom: options.horizontal ? 24 : 56 },
        xAxis: options.horizontal ? value : category,
        yAxis: options.horizontal ? { ...category, inverse: true } : value,
        series: [
          {
            type: 'bar',
            data: bars.map((b) => b.value),
            barMaxWidth: 36,
            colorBy: 'data',
            label: { show: true, position: options.horizontal ? 'right' : 'top' },
          },
        ],
      },
      true,
    );
  }
  const resize = () => chart.resize();
  addEventListener('resize', resize);
  return () => {
    removeEventListener('resize', resize);
    chart.dispose();
  };
};
