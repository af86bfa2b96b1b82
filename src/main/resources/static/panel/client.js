// The client beside the open chat: who and where, the scenario's variables the analyst made visible, and the
// client's earlier dialogs with their transcripts (read when opened).
import {api} from './api.js';
import {$, element, showError} from './dom.js';
import {clock, stateText, whoWrote} from './format.js';

/** Reads the side panel of a newly opened dialog; the same dialog again changes nothing. */
export function showClient(dialog) {
  const aside = $('#client-panel');
  if (aside.dataset.dialogId === dialog.id) return;
  aside.dataset.dialogId = dialog.id;
  aside.hidden = false;
  $('#client-id').textContent = dialog.clientId;
  $('#client-channel').textContent = dialog.channel;
  $('#client-subject').textContent = dialog.subject || '–';
  $('#client-variables').replaceChildren();
  $('#client-history').replaceChildren();
  const id = encodeURIComponent(dialog.id);
  api('GET', `/api/dialogs/${id}/variables`)
    .then((variables) => showVariables(dialog.id, variables))
    .catch(showError);
  const query = `clientId=${encodeURIComponent(dialog.clientId)}&channel=${encodeURIComponent(dialog.channel)}`;
  api('GET', `/api/dialogs?${query}&limit=20`)
    .then((page) => showHistory(dialog.id, page.items.filter((earlier) => earlier.id !== dialog.id)))
    .catch(showError);
}

export function hideClient() {
  $('#client-panel').hidden = true;
  delete $('#client-panel').dataset.dialogId;
}

function showVariables(dialogId, variables) {
  if ($('#client-panel').dataset.dialogId !== dialogId) return;
  const names = Object.keys(variables);
  $('#client-variables').replaceChildren(...(names.length
    ? names.flatMap((name) => [element('dt', {}, name.replaceAll('_', ' ')),
      element('dd', {'data-testid': 'client-variable', dataset: {name}}, String(variables[name]))])
    : [element('dd', {className: 'empty'}, 'Nothing the scenario shows.')]));
}

function showHistory(dialogId, earlier) {
  if ($('#client-panel').dataset.dialogId !== dialogId) return;
  $('#client-history').replaceChildren(...(earlier.length ? earlier.map(historyEntry)
    : [element('li', {className: 'empty'}, 'No earlier dialogs.')]));
}

/** A dialog of the past, its transcript read the first time it is opened (here and in History). */
export function historyEntry(dialog, withClient = false) {
  const summary = [withClient ? `${dialog.clientId} on ${dialog.channel}` : null, clock(dialog.createdAt),
    stateText(dialog), dialog.closeOutcome?.replaceAll('_', ' ')].filter(Boolean).join(' · ');
  const lines = element('ol', {className: 'transcript small'});
  const entry = element('details', {'data-testid': 'client-earlier-dialog', dataset: {dialogId: dialog.id}},
    element('summary', {}, summary), dialog.closeNote ? element('p', {className: 'note'}, dialog.closeNote) : null,
    lines);
  entry.addEventListener('toggle', () => {
    if (!entry.open || lines.dataset.read) return;
    lines.dataset.read = 'yes';
    api('GET', `/api/dialogs/${encodeURIComponent(dialog.id)}/messages`)
      .then((messages) => lines.replaceChildren(...messages.map((message) => element('li', {
        className: `from-${message.from}`, 'data-testid': 'client-earlier-line',
      }, element('span', {className: 'who'}, `${whoWrote(message)} · ${clock(message.at)}`),
      element('p', {}, message.text)))))
      .catch(showError);
  });
  return element('li', {}, entry);
}
