// The operator panel: plain JavaScript modules on the HTTP API, no build step and nothing from the network.
// State lives on the server; the page reads it again whenever something may have changed.
import {ApiError, api, page} from './api.js';
import {$, act, clearError, showError} from './dom.js';
import {loadFolders, tickWaitingTimes} from './folders.js';
import {dialogAction, loadDialog, loadTransferTargets} from './dialog.js';
import {loadOperators, loadSettings, saveSettings} from './admin.js';
import {addLoader, refreshNow} from './refresh.js';
import {keepRefreshing, listen} from './live.js';
import {wireAlerts} from './alerts.js';
import {wireHistory} from './history.js';
import {wireReplies} from './replies.js';
import {wireOperatorForm} from './operators-form.js';
import {loadWork, tickWork} from './work.js';
import {loadFigures, wireFigures} from './figures.js';

// What a refresh reads, in this order.
addLoader(() => page.isOperator, loadFolders);
addLoader(() => page.isAdmin, loadSettings);
// the live work names operators and offers them as targets: it is drawn once they are read
addLoader(() => page.isAdmin, async () => {
  await loadOperators();
  await loadWork();
});
addLoader(() => page.openDialogId, loadDialog);

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
  $('#alerts').hidden = !page.isOperator;
  $('#history-view').hidden = !page.isOperator && !page.isAdmin;

  wire();
  listen();
  await refreshNow();
  keepRefreshing();
  if (page.isAdmin) await loadFigures();
}

function wire() {
  $('#error-dismiss').addEventListener('click', clearError);
  wireAlerts();
  wireHistory();
  wireReplies();
  wireOperatorForm();
  tickWaitingTimes();
  if (page.isAdmin) {
    wireFigures();
    tickWork();
  }
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
  // Closing ends the client's chat: asked first, with an optional outcome and note kept on the dialog.
  $('#close-dialog').addEventListener('click', () => {
    $('#close-confirm-text').textContent = `The chat with ${$('#dialog-title').textContent} ends for the client.`;
    $('#close-outcome').value = '';
    $('#close-note').value = '';
    $('#close-confirm').showModal();
  });
  $('#close-confirm').addEventListener('close', () => {
    if ($('#close-confirm').returnValue !== 'close') return;
    const outcome = $('#close-outcome').value;
    const note = $('#close-note').value.trim();
    dialogAction($('#close-dialog'), 'close', {outcome: outcome || null, note: note || null});
  });
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

  // Back in view: what is shown now counts as read.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && page.openDialogId) loadDialog().catch(showError);
  });

  for (const control of ['#auto-connect', '#distribution-method', '#redistribute-on-offline']) {
    $(control).addEventListener('change', (event) => act(event.target, saveSettings));
  }
}

start().catch(showError);
