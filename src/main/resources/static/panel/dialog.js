// The open dialog: its state, transcript and what the operator may do with it.
import {ApiError, api, page} from './api.js';
import {$, act, element, showError} from './dom.js';
import {clock, duration, stateText, whoWrote} from './format.js';
import {refreshNow, scheduleRefresh} from './refresh.js';
import {hideClient, showClient} from './client.js';

const WAITING = ['REQUESTED', 'QUEUED'];

export async function openDialog(dialogId) {
  page.openDialogId = dialogId;
  document.querySelectorAll('.dialog-link').forEach((link) => {
    link.setAttribute('aria-current', String(link.dataset.dialogId === dialogId));
  });
  await loadDialog();
}

/** Reads the open dialog and its transcript again; a dialog that is no longer ours says so. */
export async function loadDialog() {
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
  hideClient();
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
  markRead(dialog.id, messages);
  showClient(dialog);

  const mine = page.isOperator && dialog.state === 'TAKEN_OVER' && dialog.operatorId === page.me.id;
  const opened = $('#owner-actions').dataset.dialogId !== dialog.id;
  $('#owner-actions').dataset.dialogId = mine ? dialog.id : '';
  $('#answer-form').hidden = !mine;
  $('#owner-actions').hidden = !mine;
  $('#waiting-actions').hidden = !(page.isOperator && WAITING.includes(dialog.state));
  if (mine && opened) loadTransferTargets().catch(showError);
}

/**
 * What the operator sees is read: the dialog's unread count starts after its last line. Only while the page is in
 * view (a hidden tab has read nothing), and only forward.
 */
function markRead(dialogId, messages) {
  if (!page.isOperator || !messages.length || document.visibilityState !== 'visible') return;
  const last = messages[messages.length - 1].id;
  if ((page.readUpTo.get(dialogId) || 0) >= last) return;
  page.readUpTo.set(dialogId, last);
  api('PUT', `/api/panel/dialogs/${encodeURIComponent(dialogId)}/read`, {messageId: last})
    .then(scheduleRefresh)
    .catch(showError);
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

/** Other operators by name and load, and every subject: where a dialog can be handed. */
export async function loadTransferTargets() {
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

export async function dialogAction(button, action, body) {
  const dialogId = page.openDialogId;
  await act(button, async () => {
    await api('POST', `/api/dialogs/${encodeURIComponent(dialogId)}/${action}`, body);
    await refreshNow();
  });
}
