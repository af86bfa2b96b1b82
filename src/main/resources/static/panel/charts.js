// Small horizontal bar charts in plain SVG: one row per group (a subject, an operator), one bar per series
// (handled and abandoned, p50 and p90). No library: a few figures need no more than this.
import {element} from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 360;
const LABEL = 96;   // the group's name, left of its bars
const VALUE = 64;   // the value, right of the longest bar
const BAR = 11;
const GAP = 3;
const ROW_GAP = 9;

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function cut(text, length) {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/**
 * A figure with a caption, the chart and its legend.
 * {title, series: [{name, className}], groups: [{label, values: [number|null, one per series]}],
 *  format: (value) => text, max?: the value a full bar stands for (else the largest value)}.
 * A missing value (null) draws no bar and reads "–". Every bar carries a <title> for the pointer and
 * screen readers, and data-group / data-series / data-value for whoever reads the chart by machine.
 */
export function barChart({title, series, groups, format, max, testId}) {
  const values = groups.flatMap((group) => group.values).filter((value) => value !== null && value !== undefined);
  const top = max || Math.max(0, ...values) || 1;
  const rowHeight = series.length * (BAR + GAP) - GAP;
  const height = Math.max(1, groups.length * (rowHeight + ROW_GAP) - ROW_GAP);
  const room = WIDTH - LABEL - VALUE;
  const chart = svg('svg', {viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img',
    'aria-label': title, class: 'chart'});
  groups.forEach((group, row) => {
    const y = row * (rowHeight + ROW_GAP);
    chart.append(svg('text', {x: LABEL - 6, y: y + rowHeight / 2, class: 'label', 'text-anchor': 'end',
      'dominant-baseline': 'middle'}, cut(group.label, 14), svg('title', {}, group.label)));
    series.forEach((one, index) => {
      const value = group.values[index];
      const missing = value === null || value === undefined;
      const barY = y + index * (BAR + GAP);
      const width = missing ? 0 : Math.max(value > 0 ? 2 : 0, Math.round(room * Math.min(value, top) / top));
      const text = missing ? '–' : format(value);
      chart.append(svg('rect', {x: LABEL, y: barY, width, height: BAR, rx: 2, class: `bar ${one.className}`,
        'data-group': group.label, 'data-series': one.name, 'data-value': missing ? '' : value},
      svg('title', {}, `${group.label} · ${one.name}: ${text}`)));
      chart.append(svg('text', {x: LABEL + width + 4, y: barY + BAR / 2, class: 'value',
        'dominant-baseline': 'middle'}, text));
    });
  });
  const legend = element('ul', {className: 'legend'}, series.map((one) => element('li', {},
    element('span', {className: `swatch ${one.className}`}), one.name)));
  return element('figure', {className: 'chart-figure', 'data-testid': testId || null},
    element('figcaption', {}, title),
    groups.length ? chart : element('p', {className: 'empty'}, 'Nothing in this period.'),
    series.length > 1 ? legend : null);
}
