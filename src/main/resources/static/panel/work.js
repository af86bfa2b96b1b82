// The supervisor's live work (administrators): every subject's queue, the dialogs waiting to be accepted and
// every open dialog with how long its client has waited for an answer; any of them can be reassigned to an
// operator or a subject, or taken over by a supervisor who is an operator too.
import {api, page} from './api.js';
import {$, act, element, setText} from './dom.js';
import {clock, duration} from './format.js';
import {refreshNow} from './refresh.js';

/** The work as last read, and when: waits tick on from there every second, with no new read. */
let shown = null;

export async function loadWork() {
  shown = {work: await api('GET', '/api/panel/work'), readAt: Date.now()};
  showWork();
}

export function tickWork() {
  setInterval(() => {
    if (shown) showWork();
  }, 1000);
}

function later(seconds) {
  return seconds === null || seconds === undefined ? null : seconds + (Date.now() - shown.readAt) / 1000;
}

function operatorName(id) {
  const operator = (page.operators || []).find((one) => one.id === id);
  return operator ? operator.name : id;
}

/** Where a dialog can go: every other operator (with their load), every other subject. */
function targets(dialog) {
  const operators = (page.operators || []).filter((operator) => operator.id !== dialog.operatorId)
    .map((operator) => [`operator:${operator.id}`,
      `${operator.name} · ${operator.status.toLowerCase()} · ${operator.activeDialogs}/${operator.maxDialogs}`]);
  const subjects = [...new Set((page.operators || []).flatMap((operator) => operator.groups))].sort()
    .filter((subject) => dialog.waiting ? subject !== dialog.subject : true)
    .map((subject) => [`subject:${subject}`, `Subject ${subject}`]);
  return [...operators, ...subjects];
}

/** The reassignment controls of a row; made once per row, their options kept in step without losing a choice. */
function controls(dialog) {
  const select = element('select', {'aria-label': `Reassign the dialog with ${dialog.clientId}`,
    'data-testid': 'reassign-target'});
  const reassign = element('button', {type: 'button', 'data-testid': 'reassign-button'}, 'Reassign');
  reassign.addEventListener('click', () => {
    const [kind, target] = select.value.split(/:(.*)/s);
    if (target) move(reassign, select.closest('[data-dialog-id]').dataset.dialogId, kind, target);
  });
  const take = element('button', {type: 'button', 'data-testid': 'take-over', hidden: !page.isOperator},
    dialog.waiting ? 'Take' : 'Take over');
  take.addEventListener('click', () => move(take, select.closest('[data-dialog-id]').dataset.dialogId, 'operator',
    page.me.id));
  return element('span', {className: 'reassign'}, select, reassign, take);
}

function move(button, dialogId, kind, target) {
  act(button, async () => {
    await api('POST', `/api/dialogs/${encodeURIComponent(dialogId)}/transfer`,
      kind === 'subject' ? {subject: target} : {operatorId: target});
    await refreshNow();
  });
}

function updateControls(row, dialog) {
  const select = $('select', row);
  const options = [['', 'Reassign to…'], ...targets(dialog)];
  const drawn = options.map(([value]) => value).join('\n');
  if (select.dataset.drawn !== drawn) {
    const chosen = select.value;
    select.replaceChildren(...options.map(([value, text]) => element('option', {value}, text)));
    select.value = options.some(([value]) => value === chosen) ? chosen : '';
    select.dataset.drawn = drawn;
  }
  $('[data-testid="take-over"]', row).hidden = !page.isOperator || dialog.operatorId === page.me.id;
}

/** Rows kept by dialog id: a refresh changes their text, never the element a supervisor is about to use. */
function keyed(list, items, make, update) {
  const existing = new Map([...list.children].map((row) => [row.dataset.dialogId, row]));
  const rows = items.map((item) => {
    const row = existing.get(item.id) || make(item);
    update(row, item);
    updateControls(row, item);
    return row;
  });
  const same = rows.length === list.children.length && rows.every((row, index) => list.children[index] === row);
  if (!same) list.replaceChildren(...rows);
}

function waitingRow(dialog) {
  return element('li', {dataset: {dialogId: dialog.id}, 'data-testid': 'work-waiting'},
    element('span', {className: 'line1'}), element('span', {className: 'line2'}), controls(dialog));
}

function updateWaiting(row, dialog) {
  setText($('.line1', row), `${dialog.clientId} · ${dialog.channel}`);
  const parts = [dialog.requested ? 'to be accepted' : `#${dialog.position}`,
    `waiting ${duration(later(dialog.waitingSeconds))}`];
  if (dialog.requestedOperatorId) parts.push(`asked for ${operatorName(dialog.requestedOperatorId)}`);
  if (dialog.estimatedWaitSeconds !== null && dialog.estimatedWaitSeconds !== undefined) {
    parts.push(`about ${duration(dialog.estimatedWaitSeconds)} more`);
  }
  setText($('.line2', row), parts.join(' · '));
}

function showQueues(work) {
  const waiting = [...work.requested.map((entry) => ({...entry, requested: true})), ...work.queue]
    .map((entry) => ({...entry, id: entry.dialogId, waiting: true}));
  const subjects = [...new Set(waiting.map((entry) => entry.subject || ''))].sort();
  const box = $('#work-queues');
  const existing = new Map([...box.children].map((card) => [card.dataset.subject, card]));
  const cards = subjects.map((subject) => {
    const card = existing.get(subject) || element('section', {className: 'queue-card', dataset: {subject},
      'data-testid': 'work-queue'},
    element('h4', {}, subject || '(no subject)', ' ', element('span', {className: 'count'})), element('ol'));
    const entries = waiting.filter((entry) => (entry.subject || '') === subject);
    setText($('.count', card), `${entries.length} waiting`);
    keyed($('ol', card), entries, waitingRow, updateWaiting);
    return card;
  });
  if (cards.length !== box.children.length || cards.some((card, index) => box.children[index] !== card)) {
    box.replaceChildren(...cards);
  }
  $('#work-nobody-waiting').hidden = waiting.length > 0;
}

function openRow(dialog) {
  return element('tr', {dataset: {dialogId: dialog.id}, 'data-testid': 'work-open-dialog'},
    element('td', {className: 'client'}), element('td', {className: 'subject'}),
    element('td', {className: 'operator', 'data-testid': 'work-operator'}),
    element('td', {className: 'awaiting', 'data-testid': 'awaiting-answer'}), element('td', {className: 'last'}),
    element('td', {}, controls(dialog)));
}

function updateOpen(row, dialog) {
  setText($('.client', row), `${dialog.clientId} · ${dialog.channel}`);
  setText($('.subject', row), dialog.subject || '–');
  setText($('.operator', row), `${operatorName(dialog.operatorId)} (since ${clock(dialog.assignedAt)})`);
  const awaiting = later(dialog.awaitingAnswerSeconds);
  setText($('.awaiting', row), awaiting === null ? 'answered' : duration(awaiting));
  // past the answer target the figures count by (the stats' answerTargetSeconds, 60 s unless configured)
  row.classList.toggle('late', awaiting !== null && awaiting >= (page.answerTargetSeconds || 60));
  const last = dialog.lastMessage;
  setText($('.last', row), last ? `${clock(last.at)} · ${last.text}` : '');
}

function showWork() {
  showQueues(shown.work);
  const open = shown.work.open;
  keyed($('#work-open tbody'), open, openRow, updateOpen);
  setText($('#work-open .count'), `(${open.length})`);
  $('#work-nobody-open').hidden = open.length > 0;
  $('#work-truncated').hidden = !shown.work.truncated;
}
