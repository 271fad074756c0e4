/**
 * Charts of the console: ECharts with only bar and pie charts, the components they use and the canvas
 * renderer, so the console's chunk carries no more of ECharts than it draws.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Lang } from '../lib/labels.ts';
import type { Count } from './queries.ts';

use([BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

const name = (c: Count, lang: Lang) => (lang === 'zh' ? c.zh : c.en);

export function barOption(counts: Count[], lang: Lang): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: counts.map((c) => name(c, lang)), axisLabel: { interval: 0, rotate: counts.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: counts.map((c) => c.count), itemStyle: { color: '#b8282e' } }],
  };
}

export function pieOption(counts: Count[], lang: Lang): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        top: -24,
        data: counts.filter((c) => c.count > 0).map((c) => ({ name: name(c, lang), value: c.count })),
      },
    ],
  };
}

/** One chart, drawn into its box and redrawn when the options or the box's size change. */
export function Chart({ option, label, testId }: { option: EChartsCoreOption; label: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current);
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height: 280 }} />;
}
