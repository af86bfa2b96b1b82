// The operator panel: plain JavaScript on the HTTP API, no build step and nothing from the network.
// State lives on the server; the page reads it again whenever something may have changed.
'use strict';

/** Server-sent events reach only the pages open on the node that raised them. With several nodes on one
 *  database a change made on another node is not pushed here, so the page also reads everything again
 *  this often (and that also covers a stream that is reconnecting). */
const FALLBACK_REFRESH_MS = 10000;
/** The operator's panel is still open: keeps them from being set OFFLINE for silence (heartbeat-timeout). */
const HEARTBEAT_MS = 20000;
/** Events often come in bursts (a queue moving); one read of the folders serves the whole burst. */
const EVENT_COALESCE_MS = 150;

const WAITING = ['REQUESTED', 'QUEUED'];

const page = {
  me: null,             // {id, roles, csrf}
  isOperator: false,    // has the OPERATOR role and an operator record
  isAdmin: false,
  openDialogId: null,
  settings: null,
  leftAs: new Map(),    // dialog id -> the state it was in when it left this operator (the 'left' event)
};

/** An error answer of the API: the problem document's detail is what the person reads. */
class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

const $ = (selector, root = document) => root.querySelector(selector);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  // textContent only: whatever a client typed is shown as text, never as markup.
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// ---- the API ----

function signIn() {
  window.location.assign('/login');
}

async function api(method, path, body) {
  const headers = {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && page.me && page.me.csrf) headers[page.me.csrf.headerName] = page.me.csrf.token;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (unreachable) {
    throw new ApiError(0, 'The server cannot be reached; the page tries again by itself.');
  }
  if (response.status === 401) {
    signIn();
    throw new ApiError(401, 'You are signed out.');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (notJson) {
    data = null;
  }
  if (!response.ok) {
    const detail = data && data.detail ? data.detail : `${method} ${path} failed (HTTP ${response.status})`;
    throw new ApiError(response.status, detail);
  }
  return data;
}

// ---- errors and the live indicator ----

function showError(error) {
  if (error instanceof ApiError && error.status === 401) return;
  $('#error-text').textContent = error instanceof Error ? error.message : String(error);
  $('#error').hidden = false;
}

/** A note for the operator, not an error: something the desk did that they should know about. */
function showNotice(text) {
  $('#notice-text').textContent = text;
  $('#notice').hidden = false;
}

function clearError() {
  $('#error').hidden = true;
  $('#error-text').textContent = '';
}

/** Runs what a person asked for: the buttons wait, and a refusal shows its detail. */
async function act(button, work) {
  clearError();
  if (button) button.disabled = true;
  try {
    await work();
  } catch (error) {
    showError(error);
  } finally {
    if (button) button.disabled = false;
  }
}

function setLive(on) {
  const live = $('#live');
  live.classList.toggle('on', on);
  live.classList.toggle('off', !on);
  live.textContent = on ? 'Live' : 'Reconnecting…';
}

// ---- formatting ----

function duration(seconds) {
  if (seconds === null || seconds === undefined) return null;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function clock(instant) {
  return instant ? new Date(instant).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}) : '';
}

function stateText(dialog) {
  switch (dialog.state) {
    case 'TAKEN_OVER': return dialog.operatorId === page.me.id ? 'With you' : `With ${dialog.operatorId}`;
    case 'REQUESTED': return 'Waiting to be accepted';
    case 'QUEUED': return dialog.queuePosition ? `In the queue, position ${dialog.queuePosition}` : 'In the queue';
    case 'BOT': return 'With the bot';
    case 'CLOSED': return 'Closed';
    default: return dialog.state;
  }
}

// ---- folders ----

/**
 * Shows a folder's dialogs. Entries are kept by dialog id and only their text is updated, so a refresh
 * neither moves the keyboard focus nor the element a person is about to click.
 */
function renderFolder(id, items, describe) {
  const folder = $(`#${id}`);
  const list = $('ul', folder);
  const existing = new Map([...list.children].map((row) => [row.dataset.dialogId, row]));
  const rows = items.map((item) => {
    const {dialogId, line1, line2} = describe(item);
    const row = existing.get(dialogId) || dialogRow(dialogId);
    const link = $('.dialog-link', row);
    setText($('.line1', link), line1);
    setText($('.line2', link), line2);
    link.setAttribute('aria-current', String(dialogId === page.openDialogId));
    return row;
  });
  const same = rows.length === list.children.length && rows.every((row, index) => list.children[index] === row);
  if (!same) list.replaceChildren(...rows);
  $('.count', folder).textContent = items.length ? `(${items.length})` : '';
  $('.empty', folder).hidden = items.length > 0;
}

function dialogRow(dialogId) {
  const link = element('button', {
    type: 'button', className: 'dialog-link', 'data-testid': 'dialog-item', dataset: {dialogId},
  }, element('span', {className: 'line1'}), element('span', {className: 'line2'}));
  link.addEventListener('click', () => act(null, () => openDialog(dialogId)));
  return element('li', {dataset: {dialogId}}, link);
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function describeDialog(dialog) {
  const parts = [dialog.channel, dialog.subject];
  if (dialog.waitingSeconds !== null && dialog.waitingSeconds !== undefined) {
    parts.push(`waiting ${duration(dialog.waitingSeconds)}`);
  } else if (dialog.assignedAt) {
    parts.push(`since ${clock(dialog.assignedAt)}`);
  }
  return {dialogId: dialog.id, line1: dialog.clientId, line2: parts.filter(Boolean).join(' · ')};
}

function describeQueueEntry(entry) {
  const parts = [`#${entry.position}`, entry.channel, entry.subject, `waiting ${duration(entry.waitingSeconds)}`];
  if (entry.estimatedWaitSeconds !== null && entry.estimatedWaitSeconds !== undefined) {
    parts.push(`about ${duration(entry.estimatedWaitSeconds)} more`);
  }
  return {dialogId: entry.dialogId, line1: entry.clientId, line2: parts.filter(Boolean).join(' · ')};
}

async function loadFolders() {
  const folders = await api('GET', `/api/panel/folders?operatorId=${encodeURIComponent(page.me.id)}`);
  renderFolder('folder-mine', folders.myDialogs, describeDialog);
  renderFolder('folder-requested', folders.requested, describeDialog);
  // inQueue is null while automatic connection is off: the folder is not there at all then.
  const queue = $('#folder-queue');
  queue.hidden = folders.inQueue === null;
  renderFolder('folder-queue', folders.inQueue || [], describeQueueEntry);
}

// ---- one dialog ----

async function openDialog(dialogId) {
  page.openDialogId = dialogId;
  document.querySelectorAll('.dialog-link').forEach((link) => {
    link.setAttribute('aria-current', String(link.dataset.dialogId === dialogId));
  });
  await loadDialog();
}

/** Reads the open dialog and its transcript again; a dialog that is no longer ours says so. */
async function loadDialog() {
  const dialogId = page.openDialogId;
  if (!dialogId) return;
  let dialog;
  let messages;
  try {
    [dialog, messages] = await Promise.all([
      api('GET', `/api/dialogs/${encodeURIComponent(dialogId)}`),
      api('GET', `/api/dialogs/${encodeURIComponent(dialogId)}/messages`),
    ]);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404) && dialogId === page.openDialogId) {
      showGone(dialogId, error.status === 404 ? 'This dialog does not exist.' : goneText(page.leftAs.get(dialogId)));
      return;
    }
    throw error;
  }
  if (dialogId !== page.openDialogId) return;
  renderDialog(dialog, messages);
}

function goneText(state) {
  switch (state) {
    case 'TAKEN_OVER': return 'This dialog is no longer yours: it went to another operator.';
    case 'BOT': return 'This dialog is no longer yours: the bot has it again.';
    default: return 'This dialog is no longer yours, so it cannot be shown.';
  }
}

/** The open dialog may not be read any more (it left this operator): say why, keep its title. */
function showGone(dialogId, text) {
  $('#dialog-placeholder').hidden = true;
  $('#dialog-body').hidden = false;
  if ($('#dialog-body').dataset.dialogId !== dialogId) $('#dialog-title').textContent = dialogId;
  $('#dialog-meta').textContent = text;
  $('#transcript').hidden = true;
  $('#transcript').replaceChildren();
  delete $('#transcript').dataset.drawn;
  $('#owner-actions').dataset.dialogId = '';
  $('#answer-form').hidden = true;
  $('#owner-actions').hidden = true;
  $('#waiting-actions').hidden = true;
}

function renderDialog(dialog, messages) {
  $('#dialog-placeholder').hidden = true;
  $('#dialog-body').hidden = false;
  $('#dialog-body').dataset.dialogId = dialog.id;
  $('#dialog-body').dataset.state = dialog.state;
  $('#dialog-title').textContent = `${dialog.clientId} on ${dialog.channel}`;
  const meta = [stateText(dialog), dialog.subject ? `subject ${dialog.subject}` : null];
  if (dialog.estimatedWaitSeconds !== null && dialog.estimatedWaitSeconds !== undefined) {
    meta.push(`about ${duration(dialog.estimatedWaitSeconds)} more`);
  }
  $('#dialog-meta').textContent = meta.filter(Boolean).join(' · ');

  $('#transcript').hidden = false;
  renderTranscript(dialog.id, messages);

  const mine = page.isOperator && dialog.state === 'TAKEN_OVER' && dialog.operatorId === page.me.id;
  const opened = $('#owner-actions').dataset.dialogId !== dialog.id;
  $('#owner-actions').dataset.dialogId = mine ? dialog.id : '';
  $('#answer-form').hidden = !mine;
  $('#owner-actions').hidden = !mine;
  $('#waiting-actions').hidden = !(page.isOperator && WAITING.includes(dialog.state));
  if (mine && opened) loadTransferTargets().catch(showError);
}

/** Lines are only ever added: the transcript is drawn again only when there are new ones (a selection survives). */
function renderTranscript(dialogId, messages) {
  const transcript = $('#transcript');
  const drawn = `${dialogId}:${messages.map((message) => message.id).join(',')}`;
  if (transcript.dataset.drawn === drawn) return;
  const atBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
  transcript.replaceChildren(...(messages.length ? messages.map((message) => element('li', {
    className: `from-${message.from}`, 'data-testid': 'transcript-line', dataset: {from: message.from},
  }, element('span', {className: 'who'}, `${whoWrote(message)} · ${clock(message.at)}`),
  element('p', {}, message.text))) : [element('li', {className: 'empty'}, 'No messages yet.')]));
  if (atBottom || transcript.dataset.dialogId !== dialogId) transcript.scrollTop = transcript.scrollHeight;
  transcript.dataset.dialogId = dialogId;
  transcript.dataset.drawn = drawn;
}

function whoWrote(message) {
  switch (message.from) {
    case 'CLIENT': return 'Client';
    case 'BOT': return 'Bot';
    case 'OPERATOR': return message.operatorId === page.me.id ? 'You' : message.operatorId;
    default: return message.from;
  }
}

/** Other operators by name and load, and every subject: where a dialog can be handed. */
async function loadTransferTargets() {
  const operators = await api('GET', '/api/operators');
  const select = $('#transfer-target');
  const chosen = select.value;
  const others = operators.filter((operator) => operator.id !== page.me.id);
  const subjects = [...new Set(operators.flatMap((operator) => operator.groups))].sort();
  const drawn = JSON.stringify([others.map((operator) => [operator.id, operator.name, operator.status,
    operator.activeDialogs, operator.maxDialogs]), subjects]);
  if (select.dataset.drawn === drawn) return;
  select.dataset.drawn = drawn;
  select.replaceChildren(
    element('option', {value: ''}, 'Choose…'),
    element('optgroup', {label: 'Operator'}, others.map((operator) => element('option', {value: `operator:${operator.id}`},
      `${operator.name} (${operator.status.toLowerCase()}, ${operator.activeDialogs}/${operator.maxDialogs})`))),
    element('optgroup', {label: 'Subject (routed to a free operator)'}, subjects.map((subject) => element('option', {
      value: `subject:${subject}`,
    }, subject))),
  );
  if ([...select.options].some((option) => option.value === chosen)) select.value = chosen;
}

async function dialogAction(button, action, body) {
  const dialogId = page.openDialogId;
  await act(button, async () => {
    await api('POST', `/api/dialogs/${encodeURIComponent(dialogId)}/${action}`, body);
    await refreshNow();
  });
}

// ---- administration ----

async function loadSettings() {
  page.settings = await api('GET', '/api/settings');
  $('#auto-connect').checked = page.settings.autoConnect;
  $('#redistribute-on-offline').checked = page.settings.redistributeOnOffline;
  const method = $('#distribution-method');
  if (![...method.options].some((option) => option.value === page.settings.distributionMethod)) {
    method.append(element('option', {value: page.settings.distributionMethod}, page.settings.distributionMethod));
  }
  method.value = page.settings.distributionMethod;
}

async function saveSettings() {
  const saved = $('#settings-saved');
  saved.textContent = '';
  try {
    page.settings = await api('PUT', '/api/settings', {
      autoConnect: $('#auto-connect').checked,
      distributionMethod: $('#distribution-method').value,
      redistributeOnOffline: $('#redistribute-on-offline').checked,
    });
    saved.textContent = 'Saved.';
  } finally {
    await loadSettings();
  }
}

function channels(operator) {
  const names = new Set([...Object.keys(operator.channelLimits || {}), ...Object.keys(operator.activeByChannel || {})]);
  return [...names].sort().map((channel) => {
    const active = (operator.activeByChannel || {})[channel] || 0;
    const limit = (operator.channelLimits || {})[channel];
    return `${channel} ${active}/${limit === undefined ? '–' : limit}`;
  }).join(', ') || '–';
}

async function loadOperators() {
  const operators = await api('GET', '/api/operators');
  const body = $('#operators tbody');
  const drawn = JSON.stringify(operators);
  if (body.dataset.drawn === drawn) return;
  body.dataset.drawn = drawn;
  body.replaceChildren(...(operators.length ? operators.map((operator) => element('tr', {
    'data-testid': 'operator-row', dataset: {operatorId: operator.id},
  },
  element('td', {}, element('strong', {}, operator.name), ` (${operator.id})`),
  element('td', {}, element('span', {className: `badge ${operator.status}`, 'data-testid': 'operator-status'},
    operator.status.toLowerCase())),
  element('td', {'data-testid': 'operator-load', className: operator.activeDialogs >= operator.maxDialogs ? 'full' : null},
    `${operator.activeDialogs} / ${operator.maxDialogs}`),
  element('td', {}, channels(operator)),
  element('td', {}, operator.groups.join(', ') || '–'))) : [element('tr', {}, element('td', {colspan: 5},
    'No operators yet: create them with POST /api/operators.'))]));
}

// ---- refreshing ----

let refreshTimer = null;
let refreshing = null;
let refreshAgain = false;

/** Reads everything the page shows again; a request made meanwhile runs once more afterwards. */
async function refreshNow() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const reads = [];
      if (page.isOperator) reads.push(loadFolders());
      if (page.isAdmin) reads.push(loadSettings(), loadOperators());
      if (page.openDialogId) reads.push(loadDialog());
      const results = await Promise.allSettled(reads);
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) showError(failed.reason);
    } while (refreshAgain);
  })();
  try {
    await refreshing;
  } finally {
    refreshing = null;
  }
}

function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    refreshNow();
  }, EVENT_COALESCE_MS);
}

// ---- live updates ----

function listen() {
  const events = new EventSource('/api/panel/events');
  events.addEventListener('ready', () => {
    setLive(true);
    // Whatever happened while the stream was down.
    scheduleRefresh();
  });
  for (const name of ['assigned', 'waiting', 'operators', 'settings']) {
    events.addEventListener(name, scheduleRefresh);
  }
  events.addEventListener('left', (event) => {
    const about = JSON.parse(event.data);
    page.leftAs.set(about.dialogId, about.state);
    scheduleRefresh();
  });
  events.addEventListener('back', (event) => {
    const about = JSON.parse(event.data);
    const tell = (who) => showNotice(`Nobody else could take ${who}: it is back with you. `
        + 'The client was not told again that you joined.');
    api('GET', `/api/dialogs/${encodeURIComponent(about.dialogId)}`)
      .then((dialog) => tell(`the dialog with ${dialog.clientId} on ${dialog.channel}`))
      .catch(() => tell('a dialog you gave back'));
    scheduleRefresh();
  });
  events.addEventListener('message', (event) => {
    const about = JSON.parse(event.data);
    if (about.dialogId === page.openDialogId) loadDialog().catch(showError);
  });
  events.addEventListener('error', () => {
    setLive(false);
    if (events.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
    // Closed for good after a refusal: when signed out, api() goes to the login page; otherwise try again.
    api('GET', '/api/me').catch(() => {}).finally(() => setTimeout(listen, 5000));
  });
}

// ---- start ----

async function start() {
  page.me = await api('GET', '/api/me');
  page.isAdmin = page.me.roles.includes('ADMIN');
  $('#who').textContent = page.me.id;
  if (page.me.csrf) $('#sign-out-csrf').value = page.me.csrf.token;

  if (page.me.roles.includes('OPERATOR')) {
    $('#operator-view').hidden = false;
    try {
      const operator = await api('GET', `/api/operators/${encodeURIComponent(page.me.id)}`);
      page.isOperator = true;
      $('#presence').hidden = false;
      $('#status').value = operator.status;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      const missing = $('#operator-missing');
      missing.textContent = `You are in the operators group, but there is no operator '${page.me.id}' yet: `
        + 'an administrator creates it (POST /api/operators) before you can take dialogs.';
      missing.hidden = false;
      $('.folders').hidden = true;
      $('#dialog').hidden = true;
    }
  }
  $('#admin-view').hidden = !page.isAdmin;

  wire();
  listen();
  await refreshNow();
  setInterval(refreshNow, FALLBACK_REFRESH_MS);
  if (page.isOperator) {
    setInterval(() => api('POST', `/api/operators/${encodeURIComponent(page.me.id)}/heartbeat`).catch(showError),
      HEARTBEAT_MS);
  }
}

function wire() {
  $('#error-dismiss').addEventListener('click', clearError);
  $('#notice-dismiss').addEventListener('click', () => { $('#notice').hidden = true; });

  $('#status').addEventListener('change', (event) => act(event.target, async () => {
    const operator = await api('PUT', `/api/operators/${encodeURIComponent(page.me.id)}/status`,
      {status: event.target.value});
    event.target.value = operator.status;
    await refreshNow();
  }));

  $('#answer-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('#answer').value.trim();
    if (!text) return;
    act($('[data-testid="send-button"]'), async () => {
      await api('POST', `/api/dialogs/${encodeURIComponent(page.openDialogId)}/messages`,
        {from: 'operator', operatorId: page.me.id, text});
      $('#answer').value = '';
      await loadDialog();
    });
  });
  $('#answer').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('#answer-form').requestSubmit();
  });

  $('#accept').addEventListener('click', (event) => dialogAction(event.target, 'accept', {operatorId: page.me.id}));
  $('#close-dialog').addEventListener('click', (event) => dialogAction(event.target, 'close'));
  $('#return-queue').addEventListener('click', (event) => dialogAction(event.target, 'return-to-queue'));
  $('#return-bot').addEventListener('click', (event) => dialogAction(event.target, 'return-to-bot'));
  // The list of operators and their load is read when a dialog opens and again whenever it is chosen from.
  $('#transfer-target').addEventListener('focus', () => loadTransferTargets().catch(showError));
  $('#transfer-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const [kind, target] = $('#transfer-target').value.split(/:(.*)/s);
    if (!target) return;
    dialogAction($('[data-testid="transfer-button"]'), 'transfer',
      kind === 'subject' ? {subject: target} : {operatorId: target});
  });

  for (const control of ['#auto-connect', '#distribution-method', '#redistribute-on-offline']) {
    $(control).addEventListener('change', (event) => act(event.target, saveSettings));
  }
}

start().catch(showError);
