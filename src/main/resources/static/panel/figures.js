// The supervisor's figures for a chosen period, per subject or per operator, as small charts, and the same
// figures as a CSV download. They come from the database (GET /api/stats), so they count every node's dialogs.
import {api, page} from './api.js';
import {$, act, element} from './dom.js';
import {duration} from './format.js';
import {barChart} from './charts.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A day as the date inputs and the API take it. */
function day(date) {
  return date.toISOString().slice(0, 10);
}

function period() {
  const params = new URLSearchParams();
  if ($('#figures-from').value) params.set('from', $('#figures-from').value);
  if ($('#figures-to').value) params.set('to', $('#figures-to').value);
  return params.toString();
}

function seconds(value) {
  return duration(value) || '0 s';
}

function percent(value) {
  return `${Math.round(value * 100)} %`;
}

/** The five charts, for the groups chosen (subjects or operators). */
function charts(stats, by) {
  const rows = by === 'operator' ? stats.byOperator : stats.bySubject;
  const label = (row) => (by === 'operator' ? row.operatorId : row.subject) || '(none)';
  const groups = (pick) => rows.map((row) => ({label: label(row), values: pick(row)}));
  const percentiles = () => [{name: 'median', className: 's1'}, {name: '90th percentile', className: 's2'}];
  const timed = (title, field, testId) => barChart({title, testId, series: percentiles(),
    groups: groups((row) => [row[field].p50, row[field].p90]), format: seconds});
  return [
    barChart({title: 'Dialogs', testId: 'chart-dialogs', format: String,
      series: [{name: 'handled', className: 's1'}, {name: 'abandoned while queued', className: 's3'}],
      groups: groups((row) => [row.handled, row.abandoned])}),
    timed('Time to assignment', 'timeToAssignmentSeconds', 'chart-assignment'),
    timed('First response', 'firstResponseSeconds', 'chart-first-response'),
    timed('Handling time', 'handlingSeconds', 'chart-handling'),
    barChart({title: `Answered within ${seconds(stats.answerTargetSeconds)}`, testId: 'chart-answered', max: 1,
      series: [{name: 'share', className: 's1'}], groups: groups((row) => [row.answeredWithinTarget]),
      format: percent}),
  ];
}

function summary(stats) {
  const total = stats.total;
  const parts = [`${total.dialogs} dialogs`, `${total.handled} handled`, `${total.abandoned} abandoned while queued`];
  if (total.timeToAssignmentSeconds.p50 !== null) {
    parts.push(`assigned in ${seconds(total.timeToAssignmentSeconds.p50)} (median)`);
  }
  if (total.answeredWithinTarget !== null) {
    parts.push(`${percent(total.answeredWithinTarget)} answered within ${seconds(stats.answerTargetSeconds)}`);
  }
  return parts.join(' · ');
}

export async function loadFigures() {
  const query = period();
  const stats = await api('GET', `/api/stats?${query}`);
  page.answerTargetSeconds = stats.answerTargetSeconds;
  $('#figures-csv').href = `/api/stats.csv?${query}`;
  $('#figures-summary').textContent = summary(stats);
  $('#figures-charts').replaceChildren(...charts(stats, $('#figures-by').value));
}

export function wireFigures() {
  const today = new Date();
  $('#figures-to').value = day(today);
  $('#figures-from').value = day(new Date(today.getTime() - 6 * DAY_MS));
  $('#figures-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act($('#figures-show'), loadFigures);
  });
  $('#figures-by').addEventListener('change', () => act(null, loadFigures));
}
